import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { ID_HINTS } from '../../shared/helpers/errors';
import { InputError } from '../../shared/helpers/validation';
import type { DigaClient } from '../../shared/transport';

const checked = new WeakMap<object, Map<string, Promise<void>>>();

/**
 * Diga's create and update bodies take any UUID as `voice_id`, and what Diga does with one it does not
 * offer is not documented: a voice is read first (once per run for each voice), so an agent is never
 * created or changed with a voice Diga does not have.
 */
export async function checkVoiceOffered(ctx: IExecuteFunctions, diga: DigaClient, voiceId: string): Promise<void> {
	let byVoice = checked.get(ctx);
	if (!byVoice) checked.set(ctx, (byVoice = new Map()));
	let check = byVoice.get(voiceId);
	if (!check) {
		check = diga.request({ method: 'GET', path: `/v1/voice/${voiceId}` }).then(
			() => undefined,
			(error: unknown) => {
				if (error instanceof NodeApiError && error.httpCode === '404') {
					throw new InputError('Voice', `${voiceId} is not a voice Diga offers`, `${ID_HINTS.voice.hint} Nothing was sent to the agent.`);
				}
				throw error;
			},
		);
		byVoice.set(voiceId, check);
	}
	await check;
}
