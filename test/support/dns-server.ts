// A DNS server on loopback whose answers the test changes, standing in for a Kubernetes headless
// Service: a name resolves to one A record per ready pod, and a pod added later appears in the answer.
// dns-packet encodes and decodes the wire format; AAAA and TXT questions get an empty answer.
import { createSocket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import * as dnsPacket from 'dns-packet';

export interface TestDnsServer {
  readonly port: number;
  /** The A records `name` resolves to from now on. */
  setAddresses(name: string, addresses: string[]): void;
  /** A questions answered for `name` so far. */
  queriesFor(name: string): number;
  close(): Promise<void>;
}

const NXDOMAIN = 3;

export async function startDnsServer(): Promise<TestDnsServer> {
  const records = new Map<string, string[]>();
  const queries = new Map<string, number>();
  const socket = createSocket('udp4');
  socket.on('message', (message, remote) => {
    let query: dnsPacket.Packet;
    try {
      query = dnsPacket.decode(message);
    } catch {
      return;
    }
    const questions = query.questions ?? [];
    const answers = questions.flatMap((question) => {
      const name = question.name.toLowerCase();
      if (question.type !== 'A') return [];
      queries.set(name, (queries.get(name) ?? 0) + 1);
      return (records.get(name) ?? []).map((data) => ({
        type: 'A' as const,
        class: 'IN' as const,
        name: question.name,
        ttl: 0,
        data,
      }));
    });
    const known = questions.every((question) => records.has(question.name.toLowerCase()));
    const response = dnsPacket.encode({
      id: query.id ?? 0,
      type: 'response',
      flags: dnsPacket.RECURSION_DESIRED | dnsPacket.RECURSION_AVAILABLE | (known ? 0 : NXDOMAIN),
      questions,
      answers,
    });
    socket.send(response, remote.port, remote.address);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => resolve());
  });
  return {
    port: (socket.address() as AddressInfo).port,
    setAddresses: (name, addresses) => records.set(name.toLowerCase(), addresses),
    queriesFor: (name) => queries.get(name.toLowerCase()) ?? 0,
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  };
}
