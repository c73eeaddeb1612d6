export default {
  async fetch(): Promise<Response> {
    return new Response("not yet");
  },
} satisfies ExportedHandler<Env>;
