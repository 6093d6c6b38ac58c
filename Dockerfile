# Production image: `docker build -t bazaar .` (docker-compose.yml uses it for
# the app and the worker). The environment (NODE_ENV, APP_KEY, DB_*, REDIS_*…)
# comes from the container: `node ace build` does not copy .env.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
# public/ (htmx, CSS, scripts) is generated, then copied into build/ by `node ace build`.
RUN node --input-type=module -e "(await import('./bin/setup.js')).copyAssets()" \
  && node ace build

FROM node:20-bookworm-slim AS production
ENV NODE_ENV=production \
  HOST=0.0.0.0 \
  PORT=3333
RUN mkdir -p /app && chown node:node /app
WORKDIR /app
USER node
COPY --chown=node:node --from=build /app/build ./
COPY --chown=node:node --from=build /app/public ./public
RUN npm ci --omit=dev && npm cache clean --force
EXPOSE 3333
CMD ["node", "bin/server.js"]
