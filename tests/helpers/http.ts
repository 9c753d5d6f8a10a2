/**
 * One app per describe block (built before, closed after) and a GET that expects 200 and returns the
 * body, for the HTTP tests that ask the article graph questions on every store.
 */
import type { FastifyInstance } from 'fastify';

export function appUnderTest(makeApp: () => Promise<FastifyInstance>) {
  let app: FastifyInstance | undefined;
  beforeAll(async () => {
    app = await makeApp();
  });
  afterAll(async () => app?.close());
  const get = async (url: string) => {
    const res = await app!.inject(url);
    expect({ url, status: res.statusCode }).toEqual({ url, status: 200 });
    return res.json();
  };
  return { app: () => app!, get };
}
