import type { Migration } from 'kysely';
import type { DialectName } from '../database.js';
import { foundation } from './0001_foundation.js';
import { caseFile } from './0002_case_file.js';
import { dataProtection } from './0003_data_protection.js';
import { assessment } from './0004_assessment.js';
import { plan } from './0005_plan.js';
import { network } from './0006_network.js';
import { evaluation } from './0007_evaluation.js';
import { scaleIndexes } from './0008_scale_indexes.js';
import { rateLimits } from './0009_rate_limits.js';
import { secondFactor } from './0010_second_factor.js';
import { singleSignOn } from './0011_single_sign_on.js';

/**
 * The one migration set for both dialects, in order. Names sort lexically; never rename or edit a
 * migration that has shipped — add a new one.
 */
export function allMigrations(dialect: DialectName): Record<string, Migration> {
  return {
    '0001_foundation': foundation(dialect),
    '0002_case_file': caseFile(dialect),
    '0003_data_protection': dataProtection(dialect),
    '0004_assessment': assessment(dialect),
    '0005_plan': plan(dialect),
    '0006_network': network(dialect),
    '0007_evaluation': evaluation(dialect),
    '0008_scale_indexes': scaleIndexes(),
    '0009_rate_limits': rateLimits(dialect),
    '0010_second_factor': secondFactor(dialect),
    '0011_single_sign_on': singleSignOn(dialect),
  };
}
