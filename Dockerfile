# zapcast: build with the dev dependencies, run with the production ones only.
#   docker build -t zapcast .
#   docker run -d --name zapcast --env-file .env -v zapcast-data:/app/data -v zapcast-sessions:/app/sessions zapcast

# Build: compile TypeScript. better-sqlite3 compiles from source when no
# prebuilt binary fits, hence python3, make and g++.
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
# Only what the image ships: tsconfig.build.json leaves out the benchmarks and
# tests (a test compiles exactly these files, so a stray import fails there first).
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY commands ./commands
RUN npx tsc -p tsconfig.build.json

# Production dependencies over the built output, compiled for the runtime image.
# The summary picture's renderer (resvg) is a prebuilt glibc binary that npm
# picks from its optional dependencies, and its font (Noto Sans) is a package
# too: no apt font, no download beyond the npm registry.
FROM node:20-bookworm-slim AS production-deps
WORKDIR /app
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# Runtime: Node, the built output and production dependencies; no compiler, no
# dev dependencies, not root.
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    DATA_DIR=/app/data \
    SESSIONS_DIR=/app/sessions \
    HEALTH_PORT=8080
WORKDIR /app
COPY --from=production-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json package-lock.json ./
RUN mkdir -p /app/data /app/sessions && chown node:node /app/data /app/sessions
USER node
# The database, uploads and exports; the WhatsApp logins. Back both up.
VOLUME ["/app/data", "/app/sessions"]
# /healthz and /metrics listen on 127.0.0.1 inside the container unless HEALTH_HOST=0.0.0.0.
EXPOSE 8080
# The probe reads the settings as the app does, so it asks the port the app listens on;
# `docker inspect zapcast` shows why it failed.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "dist/src/ops/healthcheck-main.js"]
# SIGTERM (docker stop) finishes the message in flight and closes cleanly.
STOPSIGNAL SIGTERM
CMD ["node", "dist/src/main.js"]
