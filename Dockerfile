# syntax=docker/dockerfile:1
# The API image: TypeScript compiled in a build stage, production dependencies only at runtime.
#   docker build -t kg-api .
#   docker run --rm -p 3000:3000 kg-api                      (embedded memory store)
#   docker compose up --build                                (with Neo4j, see docker-compose.yml)
ARG NODE_VERSION=22

# ---- build: all dependencies, tsc -> dist/, the browser explorer -> dist/explorer
FROM node:${NODE_VERSION}-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY seed ./seed
COPY web ./web
COPY scripts/build-explorer.ts ./scripts/
RUN npm run build

# ---- runtime: production dependencies, compiled code, seed bundles; runs as the unprivileged `node` user
FROM node:${NODE_VERSION}-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts && npm cache clean --force
COPY --from=build /app/dist ./dist
# the data bundles, where the compiled loader looks by default (dist/src/graph/data/bundle.js -> dist/seed/bundles)
COPY seed/bundles ./dist/seed/bundles
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# as `npm start` runs it (README "Performance and scale": the larger young generation is for streamed exports)
CMD ["node", "--max-semi-space-size=64", "dist/src/server.js"]
