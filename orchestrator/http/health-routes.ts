// Liveness (/healthz: the process answers) and readiness (/readyz: whether to send it traffic).
import type { FastifyInstance } from 'fastify';
import type { AgentClients } from '../clients/agent-clients.ts';

export function registerHealthRoutes(app: FastifyInstance, agents: AgentClients, isAccepting: () => boolean): void {
  app.get('/healthz', async () => ({ status: 'ok' }));
  // Ready = accepting traffic, once each agent has answered SERVING at least once since start. The latch
  // keeps a misconfigured pod (wrong agent address) out of a rollout, while a later agent outage leaves
  // readiness alone: every jw1 replica shares the same agents, so turning unready would take all of jw1
  // out of the Service, and callers would get refused connections instead of typed 503s or the degraded
  // answer. The agents' current health is in the body for people and dashboards.
  app.get('/readyz', async (_request, reply) => {
    const [cleaner, describer] = await Promise.all([agents.health('cleaner', 500), agents.health('describer', 500)]);
    const agentsReachedOnce = agents.reachedOnce('cleaner') && agents.reachedOnce('describer');
    const accepting = isAccepting();
    const ready = accepting && agentsReachedOnce;
    return reply
      .status(ready ? 200 : 503)
      .send({ status: ready ? 'ready' : 'not_ready', accepting, agentsReachedOnce, agents: { cleaner, describer } });
  });
}
