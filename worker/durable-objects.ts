/** The gateway's Durable Object classes, which every entry of the Worker exports (wrangler.toml binds them). */
export { HandleOwner } from "./handles/handle-owner";
export { HandoffLink } from "./handoff/handoff-link";
export { UpstreamQuota } from "./quota/upstream-quota";
export { CaptureSession } from "./sessions/capture-session";
