/**
 * The element's attributes as a capture request of the page protocol (shared/page-protocol.ts), checked by the
 * same parser the extension uses for a page's message: one set of rules, one set of messages.
 *
 *   <faceid-capture session-token="fes1.…" liveness-type="ACTION" actions="blink,shake_head"
 *                   reference-image="#id-photo" locale="th" allow-override>
 */
import type { CaptureErrorCode, WebcamCaptureRequest } from "../shared/page-protocol";
import {
  classifyReferenceImage,
  describeCaptureRequestProblem,
  PAGE_MESSAGE_TYPE,
  parseCaptureRequest,
  type ReferenceImageSource,
} from "../shared/page-protocol";

export const CAPTURE_ATTRIBUTES = {
  sessionToken: "session-token",
  livenessType: "liveness-type",
  actions: "actions",
  referenceImage: "reference-image",
  locale: "locale",
  allowOverride: "allow-override",
} as const;

export interface ElementRequest {
  sessionToken: string;
  livenessType: WebcamCaptureRequest["livenessType"];
  actions: NonNullable<WebcamCaptureRequest["actions"]>;
  /** Null: the person picks the photo from the page or a file. */
  reference: ReferenceImageSource | null;
  locale: string | null;
  allowOverride: boolean;
}

export type ElementRequestParse =
  | { ok: true; request: ElementRequest }
  | { ok: false; code: CaptureErrorCode; message: string };

export function readCaptureAttributes(element: Element): ElementRequestParse {
  const read = (name: string) => element.getAttribute(name)?.trim() || undefined;
  const sessionToken = read(CAPTURE_ATTRIBUTES.sessionToken);
  if (sessionToken === undefined) {
    return {
      ok: false,
      code: "invalid_request",
      message: "session-token is required: the session token your backend minted (CreateCaptureSession).",
    };
  }
  const actions = read(CAPTURE_ATTRIBUTES.actions);
  const parsed = parseCaptureRequest({
    type: PAGE_MESSAGE_TYPE.captureRequest,
    id: "faceid-capture",
    mode: "webcam",
    sessionToken,
    // SILENT by default: the least the person is asked to do.
    livenessType: read(CAPTURE_ATTRIBUTES.livenessType) ?? "SILENT",
    ...(actions !== undefined ? { actions: actions.split(",").map((action) => action.trim()) } : {}),
    ...(read(CAPTURE_ATTRIBUTES.referenceImage) !== undefined
      ? { referenceImage: read(CAPTURE_ATTRIBUTES.referenceImage) }
      : {}),
  });
  if (!parsed.ok) {
    return { ok: false, code: "invalid_request", message: describeCaptureRequestProblem(parsed.problem) };
  }
  const request = parsed.request as WebcamCaptureRequest;
  return {
    ok: true,
    request: {
      sessionToken,
      livenessType: request.livenessType,
      actions: request.actions ?? [],
      reference: request.referenceImage ? classifyReferenceImage(request.referenceImage) : null,
      locale: read(CAPTURE_ATTRIBUTES.locale) ?? null,
      allowOverride: element.hasAttribute(CAPTURE_ATTRIBUTES.allowOverride),
    },
  };
}
