import { asRecord, asStrings } from '../../tenant/checks/read';
import { EVERYWHERE, type PolicyRule } from '../../tenant/policy/rule';
import { childPointer } from '../../tenant/source-map';
import { LANGUAGES } from './schema';

/**
 * deploy-cli reads custom text only in the languages the tenant has enabled: text in another language
 * would be written by every deploy and never be seen by a user, nor read back. Known only when the file
 * sets `tenant.enabled_locales`; otherwise the tenant's own list decides.
 */
export const enabledLanguages: PolicyRule = {
  id: 'prompts/custom-text-language-enabled',
  summary: 'custom text is written only in languages the tenant has enabled',
  hint: 'add the language to tenant.enabled_locales, or remove its custom text',
  severity: EVERYWHERE,
  check(tenant) {
    const enabled = asRecord(tenant.tenant)?.enabled_locales;
    if (!Array.isArray(enabled)) return [];
    const languages = new Set(asStrings(enabled).map((entry) => entry.value));
    const customText = asRecord(asRecord(tenant.prompts)?.customText) ?? {};
    return (
      Object.keys(customText)
        // A code Auth0 does not have is the schema's to report.
        .filter((language) => LANGUAGES.includes(language) && !languages.has(language))
        .map((language) => ({
          pointer: childPointer('/prompts/customText', language),
          message: `prompts have custom text in "${language}", which tenant.enabled_locales does not enable (${[...languages].join(', ')})`,
          expected: `one of: ${[...languages].join(', ')}`,
          found: language,
        }))
    );
  },
};
