// Interoperability: Python's grpcio (Debian's python3-grpcio, installed by .ci/run) calls jw2's
// CleanerService.Clean and the standard health service using only the .proto files.
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSystem } from '../../cli/serve.ts';
import { PROTO_ROOT } from '../../lib/grpc/index.ts';
import { DEBIAN_PYTHON, optionalPart } from '../support/optional.ts';
import { startTestSystem } from '../support/system.ts';

const grpcio = await optionalPart('python-grpcio');
const healthProtoRoot = join(
  dirname(createRequire(import.meta.url).resolve('grpc-health-check/package.json')),
  'proto',
);

describe('python grpcio', grpcio.options, () => {
  let system: RunningSystem;
  beforeAll(async () => {
    system = await startTestSystem('cleaner');
  });
  afterAll(async () => system?.stop());

  it('a Python grpcio client cleans text and checks health through the .proto files', async () => {
    const script = fileURLToPath(new URL('./clean_client.py', import.meta.url));
    const text = 'She go to scool evry day .';
    const { stdout } = await promisify(execFile)(
      DEBIAN_PYTHON,
      [script, String(system.ports.cleaner), PROTO_ROOT, healthProtoRoot, text],
      {
        timeout: 60_000,
        // Debian's protobuf 4 runtime refuses stubs from the older protoc in python3-grpc-tools unless the
        // pure-Python implementation is used.
        env: { ...process.env, PROTOCOL_BUFFERS_PYTHON_IMPLEMENTATION: 'python' },
      },
    );
    const seen = JSON.parse(stdout.trim().split('\n').at(-1)!);
    expect(seen.health).toEqual({ '(server)': 'SERVING', 'mpr.v1.CleanerService': 'SERVING' });
    expect(seen.cleaned_text).toContain('school');
    expect(seen.engine_id).toBe('jw2-rules');
    for (const edit of seen.edits) expect(text.slice(edit.start, edit.end)).toBe(edit.original);
    expect(seen.empty_text_error.code).toBe('INVALID_ARGUMENT');
    expect(seen.empty_text_error.metadata['mpr-error-code']).toBe('empty_text');
  });
});
