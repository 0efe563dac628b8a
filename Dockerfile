# Nodescope app image: the web UI with its embedded collection worker.
# Build: docker build -t nodescope .   (docker-compose.yml wires it to Postgres)
FROM node:20-bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends openssh-client ca-certificates \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
COPY apps/web/package.json apps/web/
COPY packages/core/package.json packages/core/
COPY packages/collector/package.json packages/collector/
COPY packages/db/package.json packages/db/
COPY packages/api/package.json packages/api/
COPY packages/simulator/package.json packages/simulator/
RUN npm ci --no-audit --no-fund
COPY . .
ENV NEXT_TELEMETRY_DISABLED=1
RUN npx prisma generate && npx next build apps/web
ENV NODESCOPE_HOST=0.0.0.0 PORT=3000
EXPOSE 3000
CMD ["node", "scripts/start.mjs"]
