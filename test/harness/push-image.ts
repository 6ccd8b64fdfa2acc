// Pushes a tiny but valid single-layer image over the registry HTTP API, without Docker.
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";

export const MEDIA_TYPES = {
  docker: {
    manifest: "application/vnd.docker.distribution.manifest.v2+json",
    config: "application/vnd.docker.container.image.v1+json",
    layer: "application/vnd.docker.image.rootfs.diff.tar.gzip",
  },
  oci: {
    manifest: "application/vnd.oci.image.manifest.v1+json",
    config: "application/vnd.oci.image.config.v1+json",
    layer: "application/vnd.oci.image.layer.v1.tar+gzip",
  },
} as const;

/** Accept header that gets either manifest format back unconverted. */
export const MANIFEST_ACCEPT = `${MEDIA_TYPES.docker.manifest}, ${MEDIA_TYPES.oci.manifest}`;

export interface PushImageOptions {
  /** OCI image manifest instead of Docker v2 schema 2. */
  oci?: boolean;
  /** Content of the layer's one file; different seeds give different digests. Default `<repository>:<tag>`. */
  seed?: string;
}

export interface PushedImage {
  /** sha256:… of the manifest, as the registry reports it. */
  digest: string;
  mediaType: string;
  configDigest: string;
  layerDigest: string;
}

export async function pushImage(
  registryUrl: string,
  repository: string,
  tag: string,
  opts: PushImageOptions = {},
): Promise<PushedImage> {
  const types = opts.oci ? MEDIA_TYPES.oci : MEDIA_TYPES.docker;
  const seed = opts.seed ?? `${repository}:${tag}`;
  const base = registryUrl.replace(/\/+$/, "");

  const tar = tarOneFile("seed.txt", Buffer.from(`${seed}\n`));
  // mtime 0 in the gzip header keeps the layer, and so every digest, reproducible.
  const layer = gzipSync(tar);
  const config = Buffer.from(
    JSON.stringify({
      architecture: "amd64",
      os: "linux",
      created: "2024-01-01T00:00:00Z",
      config: { Labels: { "org.sluice.seed": seed } },
      rootfs: { type: "layers", diff_ids: [sha256(tar)] },
      history: [{ created: "2024-01-01T00:00:00Z", created_by: "sluice test harness" }],
    }),
  );

  const configDigest = await uploadBlob(base, repository, config);
  const layerDigest = await uploadBlob(base, repository, layer);

  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: types.manifest,
      config: { mediaType: types.config, size: config.length, digest: configDigest },
      layers: [{ mediaType: types.layer, size: layer.length, digest: layerDigest }],
    }),
  );
  const res = await fetch(`${base}/v2/${repository}/manifests/${encodeURIComponent(tag)}`, {
    method: "PUT",
    headers: { "content-type": types.manifest },
    body: manifest,
  });
  await expectStatus(res, 201, `PUT manifest ${repository}:${tag}`);
  const digest = sha256(manifest);
  const reported = res.headers.get("docker-content-digest");
  if (reported !== null && reported !== digest) {
    throw new Error(`registry reports manifest digest ${reported}, computed ${digest}`);
  }
  return { digest, mediaType: types.manifest, configDigest, layerDigest };
}

async function uploadBlob(base: string, repository: string, blob: Buffer): Promise<string> {
  const digest = sha256(blob);
  const start = await fetch(`${base}/v2/${repository}/blobs/uploads/`, { method: "POST" });
  await expectStatus(start, 202, `POST blob upload for ${repository}`);
  const location = start.headers.get("location");
  if (location === null) throw new Error(`POST blob upload for ${repository}: no Location header`);
  const target = new URL(location, base);
  target.searchParams.set("digest", digest);
  const put = await fetch(target, {
    method: "PUT",
    headers: { "content-type": "application/octet-stream" },
    body: blob,
  });
  await expectStatus(put, 201, `PUT blob ${digest} to ${repository}`);
  return digest;
}

async function expectStatus(res: Response, status: number, what: string): Promise<void> {
  const body = await res.text();
  if (res.status !== status) throw new Error(`${what}: HTTP ${res.status} ${body.slice(0, 500)}`);
}

function sha256(data: Buffer): string {
  return `sha256:${createHash("sha256").update(data).digest("hex")}`;
}

/** A POSIX (ustar) archive holding one regular file. */
function tarOneFile(name: string, content: Buffer): Buffer {
  const header = Buffer.alloc(512);
  const field = (offset: number, length: number, value: string) => header.write(value, offset, length, "ascii");
  const octal = (offset: number, length: number, value: number) =>
    field(offset, length, value.toString(8).padStart(length - 1, "0") + "\0");
  field(0, 100, name);
  octal(100, 8, 0o644);
  octal(108, 8, 0);
  octal(116, 8, 0);
  octal(124, 12, content.length);
  octal(136, 12, 0);
  header.fill(" ", 148, 156);
  field(156, 1, "0");
  field(257, 6, "ustar\0");
  field(263, 2, "00");
  let sum = 0;
  for (const byte of header) sum += byte;
  field(148, 8, sum.toString(8).padStart(6, "0") + "\0 ");
  const padding = Buffer.alloc((512 - (content.length % 512)) % 512);
  return Buffer.concat([header, content, padding, Buffer.alloc(1024)]);
}
