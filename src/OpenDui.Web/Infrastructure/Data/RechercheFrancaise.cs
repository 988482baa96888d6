namespace OpenDui.Web.Infrastructure.Data;

/// <summary>
/// The PostgreSQL text search configuration of the DUI's French full-text searches: the <c>french</c> stemmer after the
/// <c>unaccent</c> dictionary, so that "eveil" finds "Éveil" and "tres agitee" finds "très agitée", as people type on a
/// tablet (SQLite's FTS5 tables already fold diacritics with unicode61 remove_diacritics). Created by the migration
/// RechercheSansAccents; the stored tsvectors and the queries name it.
/// </summary>
public static class RechercheFrancaise
{
    public const string Configuration = "francais_sans_accents";

    /// <summary>Idempotent: the extension is trusted (no superuser needed since PostgreSQL 13), the configuration copies french.</summary>
    public const string Creation = """
        CREATE EXTENSION IF NOT EXISTS unaccent;
        DO $$
        BEGIN
          IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'francais_sans_accents') THEN
            CREATE TEXT SEARCH CONFIGURATION francais_sans_accents (COPY = french);
            ALTER TEXT SEARCH CONFIGURATION francais_sans_accents
              ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
          END IF;
        END
        $$;
        """;
}
