import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { TimelineItem } from '../schemas/domain';
import { Page, TimelineQuery } from '../schemas/api';
import { timeFilter } from '../graph/rules';
import { errorResponses } from '../schemas/problem';

const timeline: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/timeline',
    {
      schema: {
        tags: ['timeline'],
        operationId: 'getTimeline',
        summary: 'What happened when',
        description:
          'Events and relations with at least one date, in time order. An item sits at its validFrom (anchor start), or at its validTo ' +
          'when only the end is known (anchor end). Partial dates keep their precision and sort by their first day, a coarser date first ' +
          'on ties (2014 before 2014-01 before 2014-01-01). A time filter keeps items known to hold in the window (possible=true: also those ' +
          'that may hold), each marked with timeMatch.',
        querystring: TimelineQuery,
        response: { 200: Page(TimelineItem, 'A page of timeline items.'), ...errorResponses },
      },
    },
    async ({ query: q }) =>
      app.store.timeline({ entity: q.entity, itemTypes: q.itemType, types: q.type, document: q.document, ...timeFilter(q), limit: q.limit, cursor: q.cursor }),
  );
};

export default timeline;
