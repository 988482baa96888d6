using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenDui.Web.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Ecrits2 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Ecrits_EssmsId",
                table: "Ecrits");

            migrationBuilder.DropIndex(
                name: "IX_Chronologie_UsagerId_Horodatage",
                table: "Chronologie");

            migrationBuilder.AddColumn<string>(
                name: "Categorie",
                table: "Chronologie",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Lien",
                table: "Chronologie",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Texte",
                table: "Chronologie",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "LecturesEcrits",
                columns: table => new
                {
                    EcritId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProfessionnelId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LuLe = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LecturesEcrits", x => new { x.EcritId, x.ProfessionnelId });
                    table.ForeignKey(
                        name: "FK_LecturesEcrits_Ecrits_EcritId",
                        column: x => x.EcritId,
                        principalTable: "Ecrits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ObjectionsPartage",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UsagerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Cercle = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Propos = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    RecueillieLe = table.Column<long>(type: "INTEGER", nullable: false),
                    RecueillieParId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecueillieParNom = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    LeveeLe = table.Column<long>(type: "INTEGER", nullable: true),
                    LeveeParId = table.Column<Guid>(type: "TEXT", nullable: true),
                    LeveeParNom = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ObjectionsPartage", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ObjectionsPartage_Usagers_UsagerId",
                        column: x => x.UsagerId,
                        principalTable: "Usagers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Ecrits_EssmsId_Horodatage",
                table: "Ecrits",
                columns: new[] { "EssmsId", "Horodatage" });

            migrationBuilder.CreateIndex(
                name: "IX_Chronologie_UsagerId_Horodatage_Id",
                table: "Chronologie",
                columns: new[] { "UsagerId", "Horodatage", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ObjectionsPartage_UsagerId",
                table: "ObjectionsPartage",
                column: "UsagerId");

            // Full-text search (FTS5), kept in step with its table by triggers. Written by hand, not scaffolded: when this
            // migration is re-scaffolded, or a later one rebuilds Ecrits or Chronologie (SQLite table rebuild), keep these.
            // porter + unicode61 remove_diacritics 2: accents folded (chute = chuté), English Porter stemming of the
            // endings it knows (chutes -> chute); French conjugations and -aux/-al plurals are not stemmed.
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE EcritsFts USING fts5(EcritId UNINDEXED, Contenu, tokenize = 'porter unicode61 remove_diacritics 2');
                INSERT INTO EcritsFts(EcritId, Contenu)
                    SELECT Id, coalesce(Cible, '') || ' ' || coalesce(Donnees, '') || ' ' || coalesce(Actions, '') || ' ' || coalesce(Resultats, '') || ' ' || coalesce(Texte, '') FROM Ecrits;
                CREATE TRIGGER EcritsFts_ajout AFTER INSERT ON Ecrits BEGIN
                    INSERT INTO EcritsFts(EcritId, Contenu) VALUES (new.Id,
                        coalesce(new.Cible, '') || ' ' || coalesce(new.Donnees, '') || ' ' || coalesce(new.Actions, '') || ' ' || coalesce(new.Resultats, '') || ' ' || coalesce(new.Texte, ''));
                END;
                CREATE TRIGGER EcritsFts_modification AFTER UPDATE OF Cible, Donnees, Actions, Resultats, Texte ON Ecrits BEGIN
                    DELETE FROM EcritsFts WHERE EcritId = old.Id;
                    INSERT INTO EcritsFts(EcritId, Contenu) VALUES (new.Id,
                        coalesce(new.Cible, '') || ' ' || coalesce(new.Donnees, '') || ' ' || coalesce(new.Actions, '') || ' ' || coalesce(new.Resultats, '') || ' ' || coalesce(new.Texte, ''));
                END;
                CREATE TRIGGER EcritsFts_suppression AFTER DELETE ON Ecrits BEGIN
                    DELETE FROM EcritsFts WHERE EcritId = old.Id;
                END;
                CREATE VIRTUAL TABLE ChronologieFts USING fts5(Libelle, Texte, content = 'Chronologie', content_rowid = 'Id', tokenize = 'porter unicode61 remove_diacritics 2');
                INSERT INTO ChronologieFts(ChronologieFts) VALUES ('rebuild');
                CREATE TRIGGER ChronologieFts_ajout AFTER INSERT ON Chronologie BEGIN
                    INSERT INTO ChronologieFts(rowid, Libelle, Texte) VALUES (new.Id, new.Libelle, new.Texte);
                END;
                CREATE TRIGGER ChronologieFts_modification AFTER UPDATE OF Libelle, Texte ON Chronologie BEGIN
                    INSERT INTO ChronologieFts(ChronologieFts, rowid, Libelle, Texte) VALUES ('delete', old.Id, old.Libelle, old.Texte);
                    INSERT INTO ChronologieFts(rowid, Libelle, Texte) VALUES (new.Id, new.Libelle, new.Texte);
                END;
                CREATE TRIGGER ChronologieFts_suppression AFTER DELETE ON Chronologie BEGIN
                    INSERT INTO ChronologieFts(ChronologieFts, rowid, Libelle, Texte) VALUES ('delete', old.Id, old.Libelle, old.Texte);
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS EcritsFts_ajout; DROP TRIGGER IF EXISTS EcritsFts_modification; DROP TRIGGER IF EXISTS EcritsFts_suppression;
                DROP TABLE IF EXISTS EcritsFts;
                DROP TRIGGER IF EXISTS ChronologieFts_ajout; DROP TRIGGER IF EXISTS ChronologieFts_modification; DROP TRIGGER IF EXISTS ChronologieFts_suppression;
                DROP TABLE IF EXISTS ChronologieFts;
                """);

            migrationBuilder.DropTable(
                name: "LecturesEcrits");

            migrationBuilder.DropTable(
                name: "ObjectionsPartage");

            migrationBuilder.DropIndex(
                name: "IX_Ecrits_EssmsId_Horodatage",
                table: "Ecrits");

            migrationBuilder.DropIndex(
                name: "IX_Chronologie_UsagerId_Horodatage_Id",
                table: "Chronologie");

            migrationBuilder.DropColumn(
                name: "Categorie",
                table: "Chronologie");

            migrationBuilder.DropColumn(
                name: "Lien",
                table: "Chronologie");

            migrationBuilder.DropColumn(
                name: "Texte",
                table: "Chronologie");

            migrationBuilder.CreateIndex(
                name: "IX_Ecrits_EssmsId",
                table: "Ecrits",
                column: "EssmsId");

            migrationBuilder.CreateIndex(
                name: "IX_Chronologie_UsagerId_Horodatage",
                table: "Chronologie",
                columns: new[] { "UsagerId", "Horodatage" });
        }
    }
}
