/**
 * How long a video lasts, read from its container headers only: the sandbox refuses videos of 2 s or less
 * (FailedOperation.SilentTooShort) and the extension checks a recording before it uploads it.
 *
 * Pure and allocation-light: one DataView over the caller's bytes, header reads only, no copy of the media
 * data. Never throws: garbage or truncated input gives `durationSeconds: null`.
 * WebM is recognised but not timed: Tencent refuses it, and MediaRecorder's WebM carries no Duration element.
 */
import { SNIFF_BYTES, sniffVideoContainer, type VideoContainer } from "./sniff";

export interface VideoProbe {
  container: VideoContainer;
  /** Seconds, or null when the headers do not say (or cannot be read). */
  durationSeconds: number | null;
}

export function probeVideo(bytes: Uint8Array): VideoProbe {
  const container = sniffVideoContainer(bytes.subarray(0, SNIFF_BYTES));
  let duration: number | null = null;
  try {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (container === "mp4") duration = mp4Duration(view);
    else if (container === "avi") duration = aviDuration(view);
    else if (container === "flv") duration = flvDuration(view);
  } catch {
    // Every read is bounds-checked; this only guards against a case the checks missed.
    duration = null;
  }
  const known = duration !== null && Number.isFinite(duration) && duration > 0;
  return { container, durationSeconds: known ? duration : null };
}

// ---------------------------------------------------------------------------------------------------------
// MP4 (ISO/IEC 14496-12): mvhd, else mvex/mehd, else the sum of the fragments' sample durations, which is the
// only duration a Chromium MediaRecorder file has (its moov is empty and says 0).

interface Box {
  type: number;
  /** First byte after the box header. */
  start: number;
  /** One past the last byte, clamped to the parent. */
  end: number;
}

function mp4Duration(view: DataView): number | null {
  const top = [...boxes(view, 0, view.byteLength)];
  const moov = top.find((box) => box.type === BOX.moov);
  const timescales = new Map<number, number>();
  const defaultDurations = new Map<number, number>();
  let longestTrack = 0;

  if (moov) {
    const children = [...boxes(view, moov.start, moov.end)];
    const mvhd = children.find((box) => box.type === BOX.mvhd);
    const movieTimescale = mvhd ? fullBoxTime(view, mvhd).timescale : 0;
    const movieDuration = mvhd ? fullBoxTime(view, mvhd).duration : 0;
    if (movieTimescale > 0 && movieDuration > 0) return movieDuration / movieTimescale;

    const mehd = childOf(view, children, BOX.mvex, BOX.mehd);
    if (mehd && movieTimescale > 0) {
      const fragmentDuration =
        fullBoxVersion(view, mehd) === 1
          ? u64(view, mehd.start + 4, mehd.end)
          : u32(view, mehd.start + 4, mehd.end);
      if (fragmentDuration > 0) return fragmentDuration / movieTimescale;
    }

    for (const trak of children.filter((box) => box.type === BOX.trak)) {
      const trakChildren = [...boxes(view, trak.start, trak.end)];
      const tkhd = trakChildren.find((box) => box.type === BOX.tkhd);
      const mdhd = childOf(view, trakChildren, BOX.mdia, BOX.mdhd);
      if (!tkhd || !mdhd) continue;
      const trackId = u32(view, tkhd.start + (fullBoxVersion(view, tkhd) === 1 ? 20 : 12), tkhd.end);
      const { timescale, duration } = fullBoxTime(view, mdhd);
      if (timescale <= 0) continue;
      timescales.set(trackId, timescale);
      longestTrack = Math.max(longestTrack, duration / timescale);
    }
    const mvex = children.find((box) => box.type === BOX.mvex);
    for (const trex of mvex ? boxes(view, mvex.start, mvex.end) : []) {
      if (trex.type !== BOX.trex) continue;
      defaultDurations.set(u32(view, trex.start + 4, trex.end), u32(view, trex.start + 12, trex.end));
    }
  }

  const fragmentTicks = new Map<number, number>();
  for (const moof of top.filter((box) => box.type === BOX.moof)) {
    for (const traf of boxes(view, moof.start, moof.end)) {
      if (traf.type === BOX.traf) addTrackFragment(view, traf, defaultDurations, fragmentTicks);
    }
  }
  let longestFragmented = 0;
  for (const [trackId, ticks] of fragmentTicks) {
    const timescale = timescales.get(trackId);
    if (timescale) longestFragmented = Math.max(longestFragmented, ticks / timescale);
  }
  const best = Math.max(longestFragmented, longestTrack);
  return best > 0 ? best : null;
}

/** Adds the sample durations of one traf (tfhd + truns) to its track's total. */
function addTrackFragment(
  view: DataView,
  traf: Box,
  defaults: Map<number, number>,
  totals: Map<number, number>,
): void {
  let trackId: number | undefined;
  let defaultDuration = 0;
  for (const box of boxes(view, traf.start, traf.end)) {
    if (box.type === BOX.tfhd) {
      const flags = u32(view, box.start, box.end) & 0xffffff;
      trackId = u32(view, box.start + 4, box.end);
      defaultDuration = defaults.get(trackId) ?? 0;
      // Optional fields in order: base-data-offset (8), sample-description-index (4), default-sample-duration.
      let offset = box.start + 8;
      if (flags & 0x1) offset += 8;
      if (flags & 0x2) offset += 4;
      if (flags & 0x8) defaultDuration = u32(view, offset, box.end);
    } else if (box.type === BOX.trun && trackId !== undefined) {
      totals.set(trackId, (totals.get(trackId) ?? 0) + trunTicks(view, box, defaultDuration));
    }
  }
}

function trunTicks(view: DataView, trun: Box, defaultDuration: number): number {
  const flags = u32(view, trun.start, trun.end) & 0xffffff;
  const sampleCount = u32(view, trun.start + 4, trun.end);
  if (!(flags & 0x100)) return sampleCount * defaultDuration;
  let offset = trun.start + 8 + (flags & 0x1 ? 4 : 0) + (flags & 0x4 ? 4 : 0);
  // Each sample record holds up to four u32 fields: duration, size, flags, composition offset.
  const recordSize = 4 * [0x100, 0x200, 0x400, 0x800].filter((bit) => flags & bit).length;
  if (offset + sampleCount * recordSize > trun.end) return 0;
  let ticks = 0;
  for (let i = 0; i < sampleCount; i++, offset += recordSize) ticks += view.getUint32(offset);
  return ticks;
}

/** Timescale and duration of an mvhd or mdhd (version 0: 32-bit times; version 1: 64-bit). */
function fullBoxTime(view: DataView, box: Box): { timescale: number; duration: number } {
  if (fullBoxVersion(view, box) === 1) {
    return { timescale: u32(view, box.start + 20, box.end), duration: u64(view, box.start + 24, box.end) };
  }
  const duration = u32(view, box.start + 16, box.end);
  // All ones means "unknown" (ISO/IEC 14496-12 §8.2.2.3).
  return { timescale: u32(view, box.start + 12, box.end), duration: duration === 0xffffffff ? 0 : duration };
}

function fullBoxVersion(view: DataView, box: Box): number {
  return box.start < box.end ? view.getUint8(box.start) : -1;
}

function childOf(view: DataView, siblings: Box[], parentType: number, childType: number): Box | undefined {
  const parent = siblings.find((box) => box.type === parentType);
  if (!parent) return undefined;
  for (const box of boxes(view, parent.start, parent.end)) if (box.type === childType) return box;
  return undefined;
}

function* boxes(view: DataView, start: number, end: number): Generator<Box> {
  let offset = start;
  while (offset + 8 <= end) {
    let size = view.getUint32(offset);
    const type = view.getUint32(offset + 4);
    let header = 8;
    if (size === 1) {
      // 64-bit largesize follows the type.
      if (offset + 16 > end) return;
      size = u64(view, offset + 8, end);
      header = 16;
    } else if (size === 0) {
      size = end - offset; // the box runs to the end of its parent (of the file, at top level)
    }
    if (size < header) return;
    yield { type, start: offset + header, end: Math.min(offset + size, end) };
    offset += size;
  }
}

const fourcc = (text: string) =>
  ((text.charCodeAt(0) << 24) |
    (text.charCodeAt(1) << 16) |
    (text.charCodeAt(2) << 8) |
    text.charCodeAt(3)) >>>
  0;

const BOX = {
  moov: fourcc("moov"),
  mvhd: fourcc("mvhd"),
  mvex: fourcc("mvex"),
  mehd: fourcc("mehd"),
  trex: fourcc("trex"),
  trak: fourcc("trak"),
  tkhd: fourcc("tkhd"),
  mdia: fourcc("mdia"),
  mdhd: fourcc("mdhd"),
  moof: fourcc("moof"),
  traf: fourcc("traf"),
  tfhd: fourcc("tfhd"),
  trun: fourcc("trun"),
};

// ---------------------------------------------------------------------------------------------------------
// AVI (RIFF): the video stream's strh (dwLength × dwScale / dwRate), else avih
// (dwMicroSecPerFrame × dwTotalFrames, or dmlh's total for OpenDML files over 1 GB).

function aviDuration(view: DataView): number | null {
  const riffSize = view.getUint32(4, true);
  // A RIFF size of 0 is what some streaming writers leave behind: read to the end of the bytes.
  const riffEnd = riffSize === 0 ? view.byteLength : Math.min(view.byteLength, 8 + riffSize);
  const hdrl = [...riffChunks(view, 12, riffEnd)].find((chunk) => chunk.list === "hdrl");
  if (!hdrl) return null;
  let microSecPerFrame = 0;
  let totalFrames = 0;
  for (const chunk of riffChunks(view, hdrl.start, hdrl.end)) {
    if (chunk.id === "avih" && chunk.end - chunk.start >= 20) {
      microSecPerFrame = view.getUint32(chunk.start, true);
      totalFrames = view.getUint32(chunk.start + 16, true);
    } else if (chunk.list === "odml") {
      for (const dmlh of riffChunks(view, chunk.start, chunk.end)) {
        if (dmlh.id === "dmlh" && dmlh.end - dmlh.start >= 4) {
          totalFrames = Math.max(totalFrames, view.getUint32(dmlh.start, true));
        }
      }
    } else if (chunk.list === "strl") {
      const strh = [...riffChunks(view, chunk.start, chunk.end)].find((child) => child.id === "strh");
      if (!strh || strh.end - strh.start < 36 || ascii(view, strh.start, 4) !== "vids") continue;
      const scale = view.getUint32(strh.start + 20, true);
      const rate = view.getUint32(strh.start + 24, true);
      const length = view.getUint32(strh.start + 32, true);
      if (scale > 0 && rate > 0 && length > 0) return (length * scale) / rate;
    }
  }
  return microSecPerFrame > 0 && totalFrames > 0 ? (microSecPerFrame * totalFrames) / 1_000_000 : null;
}

interface RiffChunk {
  id: string;
  /** The list type of a LIST chunk (whose content then starts after it). */
  list?: string;
  start: number;
  end: number;
}

function* riffChunks(view: DataView, start: number, end: number): Generator<RiffChunk> {
  let offset = start;
  while (offset + 8 <= end) {
    const id = ascii(view, offset, 4);
    const size = view.getUint32(offset + 4, true);
    const chunkEnd = Math.min(offset + 8 + size, end);
    if (id === "LIST" && offset + 12 <= chunkEnd) {
      yield { id, list: ascii(view, offset + 8, 4), start: offset + 12, end: chunkEnd };
    } else {
      yield { id, start: offset + 8, end: chunkEnd };
    }
    offset += 8 + size + (size & 1); // chunks are padded to an even length
  }
}

// ---------------------------------------------------------------------------------------------------------
// FLV (Adobe FLV spec v10.1, annex E): onMetaData's `duration` (AMF0 number) when present, else the last tag's
// timestamp plus one average frame interval.

const FLV_TAG_HEADER = 11;
const FLV_SCRIPT_TAG = 18;
const FLV_VIDEO_TAG = 9;

function flvDuration(view: DataView): number | null {
  if (view.byteLength < 9) return null;
  let offset = view.getUint32(5) + 4; // header, then PreviousTagSize0
  const timestamps = { first: -1, last: -1, count: 0 };
  let sawVideo = false;
  while (offset + FLV_TAG_HEADER <= view.byteLength) {
    const type = view.getUint8(offset) & 0x1f;
    const dataSize = u24(view, offset + 1);
    const timestamp = (u24(view, offset + 4) | (view.getUint8(offset + 7) << 24)) >>> 0;
    const dataStart = offset + FLV_TAG_HEADER;
    const dataEnd = dataStart + dataSize;
    if (dataEnd > view.byteLength) break; // truncated tag
    if (type === FLV_SCRIPT_TAG) {
      const duration = metadataDurationOrNull(view, dataStart, dataEnd);
      if (duration !== null && duration > 0) return duration;
    } else if (type === FLV_VIDEO_TAG || (type === 8 && !sawVideo)) {
      // Time by video tags when there are any; audio-only files by their audio tags.
      if (type === FLV_VIDEO_TAG && !sawVideo) {
        sawVideo = true;
        timestamps.count = 0;
      }
      if (timestamps.count === 0) timestamps.first = timestamp;
      timestamps.last = timestamp;
      timestamps.count++;
    }
    offset = dataEnd + 4; // PreviousTagSize
  }
  if (timestamps.count === 0) return null;
  const interval = timestamps.count > 1 ? (timestamps.last - timestamps.first) / (timestamps.count - 1) : 0;
  return (timestamps.last + interval) / 1000;
}

/** A damaged script tag must not hide the timestamps that follow it. */
function metadataDurationOrNull(view: DataView, start: number, end: number): number | null {
  try {
    return metadataDuration(view, start, end);
  } catch {
    return null;
  }
}

/** Reads `duration` from an onMetaData script tag: AMF0 string "onMetaData", then an ECMA array or object. */
function metadataDuration(view: DataView, start: number, end: number): number | null {
  if (view.getUint8(start) !== AMF.string) return null;
  const nameLength = view.getUint16(start + 1);
  if (ascii(view, start + 3, nameLength) !== "onMetaData") return null;
  let offset = start + 3 + nameLength;
  const kind = view.getUint8(offset);
  if (kind === AMF.ecmaArray) offset += 5;
  else if (kind === AMF.object) offset += 1;
  else return null;
  while (offset + 3 <= end) {
    const keyLength = view.getUint16(offset);
    if (keyLength === 0) return null; // object end marker
    const key = ascii(view, offset + 2, keyLength);
    offset += 2 + keyLength;
    if (key === "duration" && view.getUint8(offset) === AMF.number && offset + 9 <= end) {
      return view.getFloat64(offset + 1);
    }
    const next = skipAmfValue(view, offset, end);
    if (next === null) return null;
    offset = next;
  }
  return null;
}

const AMF = {
  number: 0,
  boolean: 1,
  string: 2,
  object: 3,
  null: 5,
  undefined: 6,
  ecmaArray: 8,
  strictArray: 10,
  date: 11,
  longString: 12,
};

/** The offset after one AMF0 value, or null for a type the metadata should not contain. */
function skipAmfValue(view: DataView, offset: number, end: number, depth = 0): number | null {
  if (offset >= end || depth > 8) return null;
  switch (view.getUint8(offset)) {
    case AMF.number:
      return offset + 9;
    case AMF.boolean:
      return offset + 2;
    case AMF.string:
      return offset + 3 + view.getUint16(offset + 1);
    case AMF.longString:
      return offset + 5 + view.getUint32(offset + 1);
    case AMF.null:
    case AMF.undefined:
      return offset + 1;
    case AMF.date:
      return offset + 11;
    case AMF.strictArray: {
      let next: number | null = offset + 5;
      for (let count = view.getUint32(offset + 1); count > 0 && next !== null; count--) {
        next = skipAmfValue(view, next, end, depth + 1);
      }
      return next;
    }
    case AMF.object:
    case AMF.ecmaArray: {
      let next: number | null = offset + (view.getUint8(offset) === AMF.ecmaArray ? 5 : 1);
      while (next !== null && next + 3 <= end) {
        const keyLength = view.getUint16(next);
        if (keyLength === 0 && view.getUint8(next + 2) === 9) return next + 3;
        next = skipAmfValue(view, next + 2 + keyLength, end, depth + 1);
      }
      return null;
    }
    default:
      return null;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Bounds-checked readers: a value that runs past `end` reads as 0, which every caller treats as "unknown".

function u32(view: DataView, offset: number, end: number): number {
  return offset + 4 <= end ? view.getUint32(offset) : 0;
}

function u64(view: DataView, offset: number, end: number): number {
  if (offset + 8 > end) return 0;
  return view.getUint32(offset) * 2 ** 32 + view.getUint32(offset + 4);
}

function u24(view: DataView, offset: number): number {
  return (view.getUint8(offset) << 16) | (view.getUint8(offset + 1) << 8) | view.getUint8(offset + 2);
}

function ascii(view: DataView, offset: number, length: number): string {
  if (offset + length > view.byteLength) return "";
  let text = "";
  for (let i = 0; i < length; i++) text += String.fromCharCode(view.getUint8(offset + i));
  return text;
}
