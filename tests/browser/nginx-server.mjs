// Debian's nginx serving a build as a government host would: the `location` block of
// nginx-site.conf (the one README.md gives hosts), inside a server of its own. Nothing of the
// system's nginx is used but the program and its mime.types: the configuration, logs, pid file
// and temporary folders live in a fresh temporary prefix (`-p`, `-c`), it listens on a free
// loopback port and runs in the foreground as a child of this process (`daemon off;`), which
// stops it. It never runs as root: started by root (as on CI), it runs as `nobody`, serving a
// copy of the folder in its prefix if `nobody` may not read the folder itself.
//
//   node nginx-server.mjs DIR PREFIX PORT      (PORT 0 picks a free port; Ctrl+C stops it)

import { spawn, spawnSync } from "node:child_process";
import { chownSync, chmodSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { createServer, connect } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const NGINX = process.env.NGINX ?? "/usr/sbin/nginx";
/** The host's configuration as README.md gives it. */
export const SITE_CONF = join(dirname(fileURLToPath(import.meta.url)), "nginx-site.conf");
// The folder and sub-path that nginx-site.conf is written for.
const CONF_DIST = "/srv/anju/dist/";
const CONF_PREFIX = "/services/anju/";

/**
 * Why nginx cannot run here (the program is missing: .ci/setup installs it), or null. A test
 * skips with this message; nothing else makes it skip.
 */
export function nginxMissing() {
  return existsSync(NGINX) ? null : `no nginx at ${NGINX} (set NGINX to its path); .ci/setup installs Debian's nginx`;
}

/** The user nginx runs as when this process is root: `nobody`, from /etc/passwd. */
function nobody() {
  const line = readFileSync("/etc/passwd", "utf8").split("\n").find((l) => l.startsWith("nobody:"));
  const [, , uid = "65534", gid = "65534"] = line?.split(":") ?? [];
  return { uid: Number(uid), gid: Number(gid) };
}

/** Whether `who` may read `file` (and pass through every folder above it). */
function canRead(who, file) {
  return spawnSync("test", ["-r", file], { ...who, stdio: "ignore" }).status === 0;
}

/** `nginx -V`: its version and the modules it was built with. */
export function nginxBuild() {
  const run = spawnSync(NGINX, ["-V"], { encoding: "utf8" });
  return `${run.stdout}${run.stderr}`; // nginx prints it on stderr
}

/** nginx-site.conf for `dist` served at `prefix`. */
export function siteConfig(dist, prefix) {
  const text = readFileSync(SITE_CONF, "utf8");
  if (!text.includes(CONF_DIST) || !text.includes(CONF_PREFIX)) throw new Error(`${SITE_CONF} no longer names ${CONF_DIST} and ${CONF_PREFIX}`);
  const folder = resolve(dist).replace(/\/*$/, "/");
  const base = prefix.endsWith("/") ? prefix : `${prefix}/`;
  // Every mention of the sub-path, with its trailing slash or without.
  return text.split(CONF_DIST).join(folder).split(CONF_PREFIX.slice(0, -1)).join(base.slice(0, -1));
}

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.on("error", fail);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

function answers(port) {
  return new Promise((ok) => {
    const socket = connect(port, "127.0.0.1");
    socket.on("connect", () => (socket.destroy(), ok(true)));
    socket.on("error", () => ok(false));
  });
}

/**
 * Starts nginx serving `dist` under `prefix`; resolves to { url, origin, port, dir, pid, uid,
 * served, log(), stop() } where served is the folder nginx reads, log() is its error log and
 * stop() ends it and removes its prefix.
 */
export async function startNginx(dist, prefix = CONF_PREFIX, port = 0) {
  const missing = nginxMissing();
  if (missing) throw new Error(missing);
  const dir = mkdtempSync(join(tmpdir(), "anju-nginx-"));
  const chosen = port || (await freePort());
  const conf = join(dir, "nginx.conf");
  const temp = (name) => join(dir, name);
  // Root hands nginx to `nobody` (nginx's own `user` directive would keep a root master).
  const who = process.getuid?.() === 0 ? nobody() : null;
  let served = resolve(dist);
  if (who) {
    chmodSync(dir, 0o755);
    if (!canRead(who, join(served, "index.html"))) {
      // A checkout in root's home folder: nobody reads a copy instead.
      cpSync(served, temp("site"), { recursive: true });
      served = temp("site");
    }
    chownSync(dir, who.uid, who.gid);
  }
  writeFileSync(
    conf,
    `# Written by tests/browser/nginx-server.mjs; removed when it stops.
daemon off;
worker_processes 1;
pid ${temp("nginx.pid")};
error_log ${temp("error.log")} warn;
events { worker_connections 64; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log ${temp("access.log")};
    client_body_temp_path ${temp("body")};
    proxy_temp_path ${temp("proxy")};
    fastcgi_temp_path ${temp("fastcgi")};
    uwsgi_temp_path ${temp("uwsgi")};
    scgi_temp_path ${temp("scgi")};
    sendfile on;
    server_tokens off;
    server {
        listen 127.0.0.1:${chosen};
        server_name _;
${siteConfig(served, prefix).replace(/^(?=.)/gm, "        ")}
    }
}
`,
  );
  const child = spawn(NGINX, ["-p", `${dir}/`, "-c", conf, "-e", temp("error.log")], { stdio: ["ignore", "ignore", "pipe"], ...(who ?? {}) });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  let exited = null;
  const gone = new Promise((ok) => child.on("exit", (code, signal) => ok((exited = { code, signal }))));
  const kill = () => child.exitCode === null && child.kill("SIGKILL");
  process.on("exit", kill);
  const log = () => (existsSync(temp("error.log")) ? readFileSync(temp("error.log"), "utf8") : "") + stderr;
  for (let i = 0; !(await answers(chosen)); i++) {
    if (exited || i > 100) {
      kill();
      throw new Error(`nginx did not start (${JSON.stringify(exited)}):\n${log()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const base = prefix.endsWith("/") ? prefix : `${prefix}/`;
  const origin = `http://127.0.0.1:${chosen}`;
  return {
    url: `${origin}${base}`,
    origin,
    port: chosen,
    dir,
    pid: child.pid,
    uid: who?.uid ?? process.getuid?.(),
    served,
    log,
    async stop() {
      if (!exited) {
        child.kill("SIGTERM");
        const late = setTimeout(kill, 5000);
        await gone;
        clearTimeout(late);
      }
      process.off("exit", kill);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dist = "dist", prefix = CONF_PREFIX, port = "8080"] = process.argv.slice(2);
  const n = await startNginx(dist, prefix, Number(port));
  console.log(`nginx (uid ${n.uid}) serves ${n.served} at ${n.url}  (config in ${n.dir}; Ctrl+C stops it)`);
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => n.stop().then(() => process.exit(0)));
}
