import { NetworkError, ServerError, errorFromResponse } from '@voc-kit/protocol/errors.js';

/** A 2xx whose body is not what the protocol answers. */
export const notProtocol = (status: number): ServerError =>
  new ServerError(status, 'The server answered with something that is not the protocol.');

/**
 * The JSON answer of a protocol response (undefined for an empty body), or the typed error it stands for: the
 * error body of a 4xx/5xx, a `NetworkError` when the body could not be read, a `ServerError` for a 2xx that is not
 * JSON. The public adapter and the team client read every response through this.
 */
export async function readAnswer<T>(res: Response): Promise<T> {
  let text: string;
  try {
    text = await res.text();
  } catch (error) {
    throw new NetworkError(undefined, { cause: error });
  }
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    if (res.ok) throw notProtocol(res.status);
  }
  if (!res.ok) throw errorFromResponse(res.status, body, res.headers.get('retry-after'));
  return body as T;
}
