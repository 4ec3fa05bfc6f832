import * as z from 'zod';
import { fr } from 'zod/locales';

/** zod's own messages (enums, lengths) in French wherever a schema sets none of its own. */
z.config(fr());
