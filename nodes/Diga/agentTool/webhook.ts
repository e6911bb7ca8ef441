import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import type { Registration } from './registration';
import { sameSecret } from './secret';
import { SECRET_HEADER } from './tool';

/**
 * A tool call from Diga. Only a request carrying this workflow's secret starts it; its item is the
 * parameters the agent sent, and never the headers, which hold the secret.
 */
export async function handleToolCall(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const saved = this.getWorkflowStaticData('node').registration as Registration | undefined;
	if (!sameSecret(this.getHeaderData()[SECRET_HEADER], saved?.secret)) {
		const response = this.getResponseObject();
		response.writeHead(401, { 'content-type': 'application/json; charset=utf-8' });
		response.end(JSON.stringify({ message: 'Unauthorized: this tool call did not come from Diga' }));
		return { noWebhookResponse: true };
	}
	const body = this.getBodyData();
	const json: IDataObject = typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {};
	return { workflowData: [[{ json }]] };
}
