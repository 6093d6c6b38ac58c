import { BaseSchema } from '@adonisjs/lucid/schema'

/*
| Product search, in PostgreSQL: a tsvector kept by the database over the
| title (weight A), tags (B) and description (C), and a trigram index on the
| title for typos and partial words.
|
| Text is compared as `catalog_search_text(value)`: lower case, Latin accents
| removed (unaccent) and Arabic written one way (no short vowels or tatweel;
| أ إ آ ٱ as ا, ى as ي, ة as ه), so "Creme" finds "Crème" and "احمر" finds
| "أحمر". Each text is indexed twice, with the `simple` configuration (every
| word as written, whatever the script) and the `arabic` one (Arabic words
| stemmed: "القميص" finds "قميص").
|
| pg_trgm and unaccent are trusted extensions (PostgreSQL 13+): the owner
| role, which owns the database, creates them without being a superuser.
| The functions are IMMUTABLE so that columns and indexes may use them; their
| bodies are bound when created (SQL-standard bodies), so a caller's
| search_path never changes what they mean.
*/

const NORMALIZE = String.raw`CREATE OR REPLACE FUNCTION catalog_search_text(value text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  RETURN translate(
    regexp_replace(
      lower(public.unaccent('public.unaccent'::regdictionary, value)),
      '[\u064B-\u065F\u0670\u0640]', '', 'g'
    ),
    U&'\0623\0625\0622\0671\0649\0629',
    U&'\0627\0627\0627\0627\064A\0647'
  )`

const DOCUMENT = `CREATE OR REPLACE FUNCTION catalog_search_document(title text, description text, tags text[])
  RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN
    setweight(to_tsvector('simple'::regconfig, catalog_search_text(coalesce(title, ''))), 'A') ||
    setweight(to_tsvector('arabic'::regconfig, catalog_search_text(coalesce(title, ''))), 'A') ||
    setweight(to_tsvector('simple'::regconfig, catalog_search_text(coalesce(array_to_string(tags, ' '), ''))), 'B') ||
    setweight(to_tsvector('arabic'::regconfig, catalog_search_text(coalesce(array_to_string(tags, ' '), ''))), 'B') ||
    setweight(to_tsvector('simple'::regconfig, catalog_search_text(coalesce(description, ''))), 'C') ||
    setweight(to_tsvector('arabic'::regconfig, catalog_search_text(coalesce(description, ''))), 'C')`

export default class extends BaseSchema {
  async up() {
    this.schema.raw('CREATE EXTENSION IF NOT EXISTS pg_trgm')
    this.schema.raw('CREATE EXTENSION IF NOT EXISTS unaccent')
    this.schema.raw(NORMALIZE)
    this.schema.raw(DOCUMENT)
    this.schema.raw(`ALTER TABLE products ADD COLUMN search_vector tsvector
      GENERATED ALWAYS AS (catalog_search_document(title, description, tags)) STORED`)
    this.schema.raw('CREATE INDEX products_search_vector ON products USING gin (search_vector)')
    this.schema.raw(`CREATE INDEX products_title_trigrams
      ON products USING gin (catalog_search_text(title) gin_trgm_ops)`)
    // the dashboard's list also finds a product by part of a variant's SKU (ILIKE)
    this.schema.raw(`CREATE INDEX product_variants_sku_trigrams
      ON product_variants USING gin (sku gin_trgm_ops)`)
  }

  async down() {
    this.schema.raw('DROP INDEX IF EXISTS product_variants_sku_trigrams')
    this.schema.raw('DROP INDEX IF EXISTS products_title_trigrams')
    this.schema.raw('ALTER TABLE products DROP COLUMN IF EXISTS search_vector')
    this.schema.raw('DROP FUNCTION IF EXISTS catalog_search_document(text, text, text[])')
    this.schema.raw('DROP FUNCTION IF EXISTS catalog_search_text(text)')
  }
}
