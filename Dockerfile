# syntax=docker/dockerfile:1
# One image for the API and the Temporal worker; docker-compose.yml picks the command.
# The newest Node LTS line (26, LTS since 2026-10-28; Debian 13 is its default base). Relance also runs
# on 20.19+, 22.13+ and 24.11+ (package.json "engines"; docs/operations.md, "Node versions").
ARG NODE_IMAGE=node:26-trixie-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
# The Temporal server is a separate service here: skip the dev/test server binaries (postinstall).
ENV RELANCE_SKIP_TEMPORAL_BINARIES=1
# Dependencies first, so source edits keep this layer cached; postinstall needs scripts/.
COPY package.json package-lock.json ./
# The console (web/) is an npm workspace: its manifest takes part in the install.
COPY web/package.json ./web/
COPY scripts/ ./scripts/
# Exactly the locked tree (fails if package.json and package-lock.json disagree); dependency install
# scripts follow package.json "allowScripts".
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
# The dev-server fallback (no TEMPORAL_ADDRESS) loads the binary resolver from scripts/ at run time;
# the compose health checks run scripts/healthcheck.mjs.
COPY --from=build /app/scripts ./scripts
USER node
EXPOSE 3000
CMD ["node", "dist/src/api.main.js"]
