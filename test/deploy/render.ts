// Renders the Kustomize overlays with the kustomize built into kubectl (v5), the same renderer
// `kubectl apply -k` uses, and parses the multi-document YAML into plain objects.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const K8S_DIR = join(REPO_ROOT, 'deploy/k8s');
export const OVERLAYS = ['cpu', 'gpu'] as const;
export type Overlay = (typeof OVERLAYS)[number];

/** A rendered Kubernetes object: only the type meta and metadata are known to every kind. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [field: string]: unknown;
}

export function kustomize(dir: string): K8sObject[] {
  const out = execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return parseAllDocuments(out).map((doc) => {
    if (doc.errors.length > 0)
      throw new Error(`kustomize output of ${dir} is not valid YAML: ${doc.errors[0]?.message}`);
    return doc.toJS() as K8sObject;
  });
}

export function renderOverlay(overlay: Overlay): K8sObject[] {
  return kustomize(join(K8S_DIR, 'overlays', overlay));
}

/** Renders `overlay` with extra Kustomize components, as a user's own overlay would compose them. */
export function renderWithComponents(overlay: Overlay, components: string[]): K8sObject[] {
  const dir = mkdtempSync(join(tmpdir(), 'mpr-kustomize-'));
  try {
    const rel = (path: string) => relative(dir, join(K8S_DIR, path));
    writeFileSync(
      join(dir, 'kustomization.yaml'),
      [
        'apiVersion: kustomize.config.k8s.io/v1beta1',
        'kind: Kustomization',
        'resources:',
        `  - ${rel(`overlays/${overlay}`)}`,
        'components:',
        ...components.map((component) => `  - ${rel(`components/${component}`)}`),
        '',
      ].join('\n'),
    );
    return kustomize(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
