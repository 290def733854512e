// A small zip writer for "download the project": files in, a Blob out.
//
// Each entry is deflated with CompressionStream("deflate-raw") when the
// browser has it and that makes it smaller, else stored. Names are UTF-8
// (general purpose flag bit 11); no zip64, so at most 65,535 entries and
// 4 GB, far beyond what a project may hold.

const STORED = 0;
const DEFLATED = 8;

let crcTable = null;

/** CRC-32 (IEEE 802.3, as zip uses) of ``bytes``. */
export function crc32(bytes) {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = crcTable[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

async function deflateRaw(bytes) {
  if (typeof CompressionStream !== "function") return null;
  try {
    const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream("deflate-raw"));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  } catch {
    return null;
  }
}

/** MS-DOS time and date fields of ``d`` (local time, 2-second steps, from 1980). */
function dosTime(d) {
  const year = Math.max(1980, Math.min(2107, d.getFullYear()));
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1),
    date: ((year - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

/**
 * A zip archive of ``files`` ([{ name: "dir/a.nix", data: string | Uint8Array }]),
 * as a Blob of type application/zip. ``date`` stamps every entry.
 */
export async function makeZip(files, { date = new Date(), compress = true } = {}) {
  const encoder = new TextEncoder();
  const { time, date: day } = dosTime(date);
  const parts = [];
  const central = [];
  let offset = 0;
  if (files.length > 0xffff) throw new Error("too many files for a zip");
  for (const file of files) {
    const name = encoder.encode(file.name);
    const data = typeof file.data === "string" ? encoder.encode(file.data) : file.data;
    const crc = crc32(data);
    let method = STORED;
    let body = data;
    if (compress && data.length > 64) {
      const packed = await deflateRaw(data);
      if (packed && packed.length < data.length) {
        method = DEFLATED;
        body = packed;
      }
    }
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, 0x04034b50, true);   // local file header signature
    local.setUint16(4, 20, true);           // version needed: 2.0
    local.setUint16(6, 0x0800, true);       // flags: UTF-8 names
    local.setUint16(8, method, true);
    local.setUint16(10, time, true);
    local.setUint16(12, day, true);
    local.setUint32(14, crc, true);
    local.setUint32(18, body.length, true);
    local.setUint32(22, data.length, true);
    local.setUint16(26, name.length, true);
    local.setUint16(28, 0, true);           // extra field length
    parts.push(local, name, body);

    const entry = new DataView(new ArrayBuffer(46));
    entry.setUint32(0, 0x02014b50, true);   // central directory header signature
    entry.setUint16(4, (3 << 8) | 20, true); // made by: Unix, 2.0 (so the mode below counts)
    entry.setUint16(6, 20, true);
    entry.setUint16(8, 0x0800, true);
    entry.setUint16(10, method, true);
    entry.setUint16(12, time, true);
    entry.setUint16(14, day, true);
    entry.setUint32(16, crc, true);
    entry.setUint32(20, body.length, true);
    entry.setUint32(24, data.length, true);
    entry.setUint16(28, name.length, true);
    entry.setUint16(30, 0, true);           // extra
    entry.setUint16(32, 0, true);           // comment
    entry.setUint16(34, 0, true);           // disk
    entry.setUint16(36, 0, true);           // internal attributes
    entry.setUint32(38, (0o100644 << 16) >>> 0, true); // external: a regular file, rw-r--r--
    entry.setUint32(42, offset, true);
    central.push(entry, name);
    offset += 30 + name.length + body.length;
  }
  const centralSize = central.reduce((n, p) => n + p.byteLength, 0);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);       // end of central directory signature
  end.setUint16(8, files.length, true);
  end.setUint16(10, files.length, true);
  end.setUint32(12, centralSize, true);
  end.setUint32(16, offset, true);
  end.setUint16(20, 0, true);
  return new Blob([...parts, ...central, end], { type: "application/zip" });
}
