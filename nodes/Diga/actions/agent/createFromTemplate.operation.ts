import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { InputError, requiredText } from '../../shared/helpers/validation';
import { locator, locatorId } from '../../shared/locators';
import type { Effect, Send } from '../../shared/transport';

const properties: INodeProperties[] = [
	locator('template', {
		name: 'templateId',
		displayName: 'Template',
		description: "One of Diga's agent templates. The list shows the templates in Diga's default language (Spanish); give the ID of any other.",
		required: true,
	}),
	{
		displayName: 'Agent Name',
		name: 'agentName',
		type: 'string',
		default: '',
		placeholder: 'e.g. Clínica Sol reception',
		description: "The name of the new agent. Empty: the template's name.",
	},
	{
		displayName: 'Template Variables',
		name: 'variables',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add variable',
		default: {},
		description: "Values for the template's &lt;&lt;variable&gt;&gt; placeholders: every placeholder of the template needs one",
		options: [
			{
				displayName: 'Variable',
				name: 'variable',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'e.g. business_name', description: 'The placeholder, without &lt;&lt; and &gt;&gt;' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '', placeholder: 'e.g. Clínica Sol' },
				],
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['agent'], operation: ['createFromTemplate'] } }, properties);

/** The pairs as an object; a name given twice or without text is refused. */
export function templateVariables(pairs: Array<{ name?: unknown; value?: unknown }>): IDataObject {
	const variables: IDataObject = {};
	pairs.forEach(({ name, value }, index) => {
		const key = requiredText(name, `Template Variables (variable ${index + 1})`, 'Give the placeholder name without << and >>, or remove the variable.').replace(/^<<|>>$/g, '');
		if (key in variables) throw new InputError('Template Variables', `"${key}" is given twice`, `Keep one value for ${key}.`);
		variables[key] = value === undefined || value === null ? '' : String(value);
	});
	return variables;
}

/** Every placeholder of the template filled, and nothing the template does not have. */
export function checkAgainstTemplate(variables: IDataObject, placeholders: unknown): void {
	const wanted = Array.isArray(placeholders) ? placeholders.map(String) : [];
	const unknown = Object.keys(variables).filter((name) => !wanted.includes(name));
	if (unknown.length > 0) {
		throw new InputError('Template Variables', `the template has no placeholder ${unknown.join(', ')}`, `Its placeholders are: ${wanted.join(', ') || 'none'}. Nothing was created.`);
	}
	const missing = wanted.filter((name) => !(name in variables));
	if (missing.length > 0) {
		throw new InputError('Template Variables', `no value for ${missing.join(', ')}`, `Add a variable for each placeholder of the template (${wanted.join(', ')}). Nothing was created.`);
	}
}

export function prepare(this: IExecuteFunctions, itemIndex: number): Send {
	const templateId = locatorId(this, 'templateId', itemIndex, 'template', 'Template');
	const agentName = String(this.getNodeParameter('agentName', itemIndex, '') ?? '').trim();
	const pairs = ((this.getNodeParameter('variables', itemIndex, {}) as IDataObject).variable ?? []) as Array<{ name?: unknown; value?: unknown }>;
	const variables = templateVariables(pairs);
	return async (diga) => {
		// The template is read first, so a missing or unknown placeholder is refused before anything is created.
		const template = await diga.request({ method: 'GET', path: `/v1/agent/template/${templateId}` });
		checkAgainstTemplate(variables, template.variables);
		const body: IDataObject = { variables };
		if (agentName) body.agent_name = agentName;
		return await diga.request({ method: 'POST', path: `/v1/agent/template/${templateId}/copy`, body, once: true });
	};
}

/** A new agent: reported when a run stops, never sent twice where Diga may have created it. */
export const effect: Effect = 'creates';

export const doneId = (agent: IDataObject) => agent.agent_id;
