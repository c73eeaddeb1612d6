// The gateway failure a promise rejects with, for tests that assert on the modelled failure itself.
import { GatewayError, type GatewayFailure } from "../../worker/errors/failure";

export async function failureOf(promise: Promise<unknown>): Promise<GatewayFailure> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof GatewayError) return error.failure;
    throw error;
  }
  throw new Error("no failure");
}
