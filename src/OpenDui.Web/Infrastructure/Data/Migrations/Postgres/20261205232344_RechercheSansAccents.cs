using Microsoft.EntityFrameworkCore.Migrations;
using NpgsqlTypes;

#nullable disable

namespace OpenDui.Web.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RechercheSansAccents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The configuration the stored tsvectors name must exist before they are recomputed (see RechercheFrancaise).
            migrationBuilder.Sql(RechercheFrancaise.Creation);

            migrationBuilder.AlterColumn<NpgsqlTsVector>(
                name: "Recherche",
                table: "Ecrits",
                type: "tsvector",
                nullable: true,
                oldClrType: typeof(NpgsqlTsVector),
                oldType: "tsvector",
                oldNullable: true)
                .Annotation("Npgsql:TsVectorConfig", "francais_sans_accents")
                .Annotation("Npgsql:TsVectorProperties", new[] { "Cible", "Donnees", "Actions", "Resultats", "Texte" })
                .OldAnnotation("Npgsql:TsVectorConfig", "french")
                .OldAnnotation("Npgsql:TsVectorProperties", new[] { "Cible", "Donnees", "Actions", "Resultats", "Texte" });

            migrationBuilder.AlterColumn<NpgsqlTsVector>(
                name: "Recherche",
                table: "Chronologie",
                type: "tsvector",
                nullable: true,
                oldClrType: typeof(NpgsqlTsVector),
                oldType: "tsvector",
                oldNullable: true)
                .Annotation("Npgsql:TsVectorConfig", "francais_sans_accents")
                .Annotation("Npgsql:TsVectorProperties", new[] { "Libelle", "Texte" })
                .OldAnnotation("Npgsql:TsVectorConfig", "french")
                .OldAnnotation("Npgsql:TsVectorProperties", new[] { "Libelle", "Texte" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<NpgsqlTsVector>(
                name: "Recherche",
                table: "Ecrits",
                type: "tsvector",
                nullable: true,
                oldClrType: typeof(NpgsqlTsVector),
                oldType: "tsvector",
                oldNullable: true)
                .Annotation("Npgsql:TsVectorConfig", "french")
                .Annotation("Npgsql:TsVectorProperties", new[] { "Cible", "Donnees", "Actions", "Resultats", "Texte" })
                .OldAnnotation("Npgsql:TsVectorConfig", "francais_sans_accents")
                .OldAnnotation("Npgsql:TsVectorProperties", new[] { "Cible", "Donnees", "Actions", "Resultats", "Texte" });

            migrationBuilder.AlterColumn<NpgsqlTsVector>(
                name: "Recherche",
                table: "Chronologie",
                type: "tsvector",
                nullable: true,
                oldClrType: typeof(NpgsqlTsVector),
                oldType: "tsvector",
                oldNullable: true)
                .Annotation("Npgsql:TsVectorConfig", "french")
                .Annotation("Npgsql:TsVectorProperties", new[] { "Libelle", "Texte" })
                .OldAnnotation("Npgsql:TsVectorConfig", "francais_sans_accents")
                .OldAnnotation("Npgsql:TsVectorProperties", new[] { "Libelle", "Texte" });

            migrationBuilder.Sql("DROP TEXT SEARCH CONFIGURATION IF EXISTS francais_sans_accents;");
        }
    }
}
