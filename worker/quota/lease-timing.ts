/** The quota object's lease timings, shared by the object, its isolates' reservations and the simulator. */

/**
 * How long a granted slot may wait to be sent: a lease's length. Longer leases save calls to the object at
 * sustained load, but a slot whose send is not yet reported counts until its lease's end (sending-slots.ts).
 */
export const LEASE_MS = 1000;

/** The object's note of when it was last busy is written at most this often (busy-note.ts). */
export const BUSY_NOTE_EVERY_MS = 500;
