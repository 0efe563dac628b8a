# Nodescope app image: the web UI with its embedded collection worker.
# Build: docker build -t nodescope .   (docker-compose.yml wires it to Postgres)
FROM node:20-bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends openssh-client ca-certificates \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
COPY apps/web/package.json apps/web/
COPY packages/config/package.json packages/config/
COPY packages/core/package.json packages/core/
COPY packages/collector/package.json packages/collector/
COPY packages/db/package.json packages/db/
COPY packages/api/package.json packages/api/
COPY packages/services/package.json packages/services/
COPY packages/simulator/package.json packages/simulator/
RUN npm ci --no-audit --no-fund
COPY . .
ENV NEXT_TELEMETRY_DISABLED=1
RUN npx prisma generate && npx next build apps/web
# Inside the container the server listens on all of the container's addresses, so a published port
# reaches it. It then refuses to start unless accounts are configured on purpose: NODESCOPE_DEMO=0
# with NODESCOPE_ADMIN_EMAIL / NODESCOPE_ADMIN_PASSWORD, or NODESCOPE_ALLOW_PUBLIC=1 when the port is
# published on loopback only (docker-compose.yml) or accounts already exist. Publish on loopback:
#   docker run -p 127.0.0.1:3000:3000 -e NODESCOPE_ALLOW_PUBLIC=1 nodescope
ENV NODESCOPE_HOST=0.0.0.0 PORT=3000
EXPOSE 3000
CMD ["node", "scripts/start.mjs"]
