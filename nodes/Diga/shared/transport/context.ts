import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

/** Every n8n context the transport serves: the node, its pickers, and triggers (polling or webhook). */
export type DigaContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions | IHookFunctions | IWebhookFunctions;

/**
 * What an operation does in Diga. `creates` acts in the real world (a number imported, a call placed)
 * and `changes` alters what exists; both are reported when a run stops. Without it, it only reads.
 */
export type Effect = 'creates' | 'changes';

export type Answer = 'object' | 'list' | 'array' | 'empty' | 'file';

export interface DigaRequest {
	method: IHttpRequestMethods;
	/** Path exactly as the contract writes it, e.g. `/v1/phone/`. */
	path: string;
	/** JSON, or the bytes of a body built by the caller (a multipart upload) with its `contentType`. */
	body?: IDataObject | Buffer;
	contentType?: string;
	qs?: IDataObject;
	/**
	 * The request acts in the real world (imports, calls, creates, publishes, deletes): it is retried only
	 * when Diga cannot have acted on it (never after a reset, a timeout or a 5xx), so nothing happens twice.
	 */
	once?: boolean;
	/**
	 * The shape of Diga's answer: a JSON object (the default), a list page (`{data: [...]}`), a plain
	 * array, or nothing (204). Any other 2xx did not come from Diga's API and is an error. `file`: the
	 * body's bytes as a Buffer, whatever they are (a ZIP); the caller checks them.
	 */
	answer?: Answer;
}

const reads = new WeakMap<object, Map<string, Promise<ICredentialDataDecryptedObject>>>();

/**
 * A credential read once per run (per context) and shared by every item and request: otherwise n8n
 * loads and decrypts it again on each read (a database read in a real n8n).
 */
export async function credentialOnce<T extends object = ICredentialDataDecryptedObject>(ctx: DigaContext, type: string): Promise<T> {
	let byType = reads.get(ctx);
	if (!byType) reads.set(ctx, (byType = new Map()));
	let read = byType.get(type);
	if (!read) byType.set(type, (read = ctx.getCredentials(type)));
	return (await read) as T;
}
