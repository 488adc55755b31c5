// a deliberately small TOML-ish parser: key = "string" lines only
export function parse(text) {
  const result = {};
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*([A-Za-z_][\w-]*)\s*=\s*"([^"]*)"\s*$/.exec(line);
    if (match) result[match[1]] = match[2];
  }
  return result;
}
