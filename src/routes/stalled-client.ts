import type { FastifyReply } from 'fastify';

/**
 * Drops a streamed download whose client has taken nothing for `ms`: the response's writes wait (its socket
 * buffer is full) and no 'drain' came in that time. A slow reader that keeps taking keeps its download; one
 * that stalls would otherwise hold what the stream holds (on Neo4j a pooled connection and an export turn)
 * until the export's time limit.
 */
export function dropWhenStalled(reply: FastifyReply, ms: number): void {
  const res = reply.raw;
  let tookAt = Date.now();
  const took = () => {
    tookAt = Date.now();
  };
  res.on('drain', took);
  const timer = setInterval(
    () => {
      if (!res.writableNeedDrain) return took();
      if (Date.now() - tookAt < ms) return;
      reply.log.info({ stalledMs: Date.now() - tookAt }, 'export client took nothing for too long: dropped');
      res.destroy();
    },
    Math.min(1000, Math.max(25, ms / 4)),
  );
  timer.unref();
  res.once('close', () => {
    clearInterval(timer);
    res.off('drain', took);
  });
}
