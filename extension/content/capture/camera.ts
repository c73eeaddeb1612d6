/**
 * The webcam: open it at the size Tencent expects, list the cameras, and switch between them. Runs in the
 * content script, so the camera permission is the partner page's own.
 */
import { t } from "../../ui/i18n";
import { type CameraProblem, classifyCameraError } from "./guidance";
import { VIDEO_FRAME_RATE, VIDEO_HEIGHT, VIDEO_WIDTH } from "./recording-format";

export interface CameraDevice {
  deviceId: string;
  label: string;
}

export interface OpenCamera {
  stream: MediaStream;
  device: CameraDevice;
  /**
   * Aborted when the browser ends the video track: the camera was unplugged, another application or the
   * system took it, or its driver failed (Media Capture and Streams §4.3.1, "track ended by the User Agent").
   * Our own `stop()` never fires it.
   */
  lost: AbortSignal;
}

export class CameraError extends Error {
  override readonly name = "CameraError";

  constructor(
    readonly problem: CameraProblem,
    cause: unknown,
  ) {
    super(`camera: ${problem}`, { cause });
  }
}

/**
 * Opens a camera: the one with `deviceId` if given, else the one labelled `preferredLabel` if it exists, else
 * the browser's default. Labels are only readable once the permission is granted, hence the second step.
 */
export async function openCamera(choice: {
  deviceId?: string;
  preferredLabel?: string | null;
}): Promise<OpenCamera> {
  if (!navigator.mediaDevices?.getUserMedia) throw new CameraError("unsupported", null);
  let stream = await getVideo(choice.deviceId);
  if (!choice.deviceId && choice.preferredLabel) {
    const preferred = (await listCameras()).find((camera) => camera.label === choice.preferredLabel);
    if (preferred && preferred.deviceId !== currentDevice(stream).deviceId) {
      stopStream(stream);
      stream = await getVideo(preferred.deviceId);
    }
  }
  return { stream, device: currentDevice(stream), lost: endedSignal(stream) };
}

export async function listCameras(): Promise<CameraDevice[]> {
  const devices = await navigator.mediaDevices.enumerateDevices();
  return devices
    .filter((device) => device.kind === "videoinput" && device.deviceId !== "")
    .map((device, i) => ({
      deviceId: device.deviceId,
      label: device.label || t("common_camera_numbered", i + 1),
    }));
}

export function stopStream(stream: MediaStream | null): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}

async function getVideo(deviceId: string | undefined): Promise<MediaStream> {
  try {
    return await navigator.mediaDevices.getUserMedia({
      audio: false,
      video: {
        ...(deviceId ? { deviceId: { exact: deviceId } } : { facingMode: "user" }),
        width: { ideal: VIDEO_WIDTH },
        height: { ideal: VIDEO_HEIGHT },
        frameRate: { ideal: VIDEO_FRAME_RATE },
      },
    });
  } catch (error) {
    throw new CameraError(classifyCameraError(error), error);
  }
}

function endedSignal(stream: MediaStream): AbortSignal {
  const lost = new AbortController();
  const track = stream.getVideoTracks()[0];
  if (!track || track.readyState === "ended") lost.abort();
  else track.addEventListener("ended", () => lost.abort(), { once: true });
  return lost.signal;
}

function currentDevice(stream: MediaStream): CameraDevice {
  const track = stream.getVideoTracks()[0];
  return { deviceId: track?.getSettings().deviceId ?? "", label: track?.label ?? t("common_camera") };
}
