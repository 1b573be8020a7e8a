# supplygraph: one image for the API (`serve`) and the workers (`worker`).
#
#   docker build -t supplygraph .
#   docker run --rm -p 8080:8080 supplygraph serve --host 0.0.0.0        # embedded Kuzu, data in a volume
#   docker compose up -d                                                # production topology (docker-compose.yml)

# ---- build: install everything (dev dependencies included: tsc), compile, then drop dev dependencies
FROM node:20-slim AS build
WORKDIR /app
# `npm ci` runs the `prepare` script (tsc, then the console's Vite build into dist/console), so the sources
# must be in place first. Only what the service needs is copied; tests,
# bench and docs stay out of the image (see also .dockerignore).
COPY package.json package-lock.json tsconfig.json ./
COPY bin ./bin
COPY schema ./schema
COPY ingestors ./ingestors
COPY verify ./verify
COPY services ./services
COPY migrations ./migrations
COPY console ./console
RUN npm ci --no-audit --no-fund \
 && { test -f dist/services/cli/main.js || npm run build; } \
 && npm prune --omit=dev --no-audit --no-fund

# ---- runtime
FROM node:20-slim
ENV NODE_ENV=production \
    SUPPLYGRAPH_DATA_DIR=/var/lib/supplygraph \
    SUPPLYGRAPH_BLOB_DIR=/var/lib/supplygraph/blobs
WORKDIR /app
# projectRoot() looks for package.json + migrations/; the GraphQL SDL is read
# from schema/graphql/ at start-up.
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/bin ./bin
COPY --from=build /app/migrations ./migrations
COPY --from=build /app/schema/graphql ./schema/graphql
# Owned by the unprivileged user; an empty named volume mounted here takes
# over this ownership on first use, so the API and the workers can write blobs.
# Mount a volume on /var/lib/supplygraph (embedded mode: graph, blobs, jobs) or
# on /var/lib/supplygraph/blobs (production mode: the shared blob store).
RUN mkdir -p /var/lib/supplygraph/blobs && chown -R node:node /var/lib/supplygraph
USER node
# 8080: the API (serve); 9464: a worker's /healthz, /readyz, /metrics (worker --metrics-port 9464)
EXPOSE 8080 9464
ENTRYPOINT ["node", "bin/supplygraph.js"]
CMD ["serve", "--host", "0.0.0.0"]
