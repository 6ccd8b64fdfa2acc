# push_image <registry host> <repository> <tag> <text>: pushes a one-layer image (one file holding
# <text>) over the registry's HTTP API, as `docker push` would, without Docker. Sourced by run.sh.
push_image() {
  local registry=$1 repo=$2 tag=$3 text=$4 dir; dir=$(mktemp -d)
  mkdir "$dir/root" && printf '%s\n' "$text" > "$dir/root/built-from"
  tar -C "$dir/root" -cf "$dir/layer.tar" built-from && gzip -n -c "$dir/layer.tar" > "$dir/layer.tar.gz"
  local diff_id layer layer_size config config_size
  diff_id=sha256:$(sha256sum "$dir/layer.tar" | cut -d' ' -f1)
  layer=sha256:$(sha256sum "$dir/layer.tar.gz" | cut -d' ' -f1)
  layer_size=$(wc -c < "$dir/layer.tar.gz" | tr -d ' ')
  printf '{"architecture":"amd64","os":"linux","created":"%s","config":{},"rootfs":{"type":"layers","diff_ids":["%s"]}}' \
    "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$diff_id" > "$dir/config.json"
  config=sha256:$(sha256sum "$dir/config.json" | cut -d' ' -f1)
  config_size=$(wc -c < "$dir/config.json" | tr -d ' ')
  upload_blob "$registry" "$repo" "$layer" "$dir/layer.tar.gz"
  upload_blob "$registry" "$repo" "$config" "$dir/config.json"
  printf '{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json","config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":%s,"digest":"%s"},"layers":[{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","size":%s,"digest":"%s"}]}' \
    "$config_size" "$config" "$layer_size" "$layer" > "$dir/manifest.json"
  curl -fsS -X PUT "http://$registry/v2/$repo/manifests/$tag" \
    -H 'Content-Type: application/vnd.docker.distribution.manifest.v2+json' --data-binary "@$dir/manifest.json" -o /dev/null
  rm -rf "$dir"
}

# upload_blob <registry host> <repository> <digest> <file>: one monolithic blob upload (POST, then PUT with the digest).
upload_blob() {
  local registry=$1 repo=$2 digest=$3 file=$4 location
  location=$(curl -fsS -X POST "http://$registry/v2/$repo/blobs/uploads/" -D - -o /dev/null | tr -d '\r' | sed -n 's/^[Ll]ocation: //p')
  [[ $location == http* ]] || location=http://$registry$location
  [[ $location == *\?* ]] && location="$location&digest=$digest" || location="$location?digest=$digest"
  curl -fsS -X PUT "$location" -H 'Content-Type: application/octet-stream' --data-binary "@$file" -o /dev/null
}
