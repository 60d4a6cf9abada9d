# syntax=docker/dockerfile:1
# One image for the API and the Temporal worker; docker-compose.yml picks the command.
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
# The Temporal server is a separate service here: skip the dev/test server binaries (postinstall).
ENV RELANCE_SKIP_TEMPORAL_BINARIES=1
# Dependencies first, so source edits keep this layer cached; postinstall needs scripts/.
COPY package.json package-lock.json ./
# The console (web/) is an npm workspace: its manifest takes part in the install.
COPY web/package.json ./web/
COPY scripts/ ./scripts/
RUN npm ci --no-audit --no-fund
COPY . .
# tsc into dist/, the prebuilt workflow bundle and the console (dist/web), then drop devDependencies.
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
# package.json: "type": "module" for dist/, and the project-root marker the app looks for.
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The dev-server fallback (no TEMPORAL_ADDRESS) loads the binary resolver from scripts/ at run time.
COPY --from=build /app/scripts ./scripts
USER node
EXPOSE 3000
CMD ["node", "dist/src/api.main.js"]
