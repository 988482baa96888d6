using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NpgsqlTypes;

#nullable disable

namespace OpenDui.Web.Infrastructure.Data.Migrations.Postgres
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

            migrationBuilder.AddColumn<NpgsqlTsVector>(
                name: "Recherche",
                table: "Ecrits",
                type: "tsvector",
                nullable: true)
                .Annotation("Npgsql:TsVectorConfig", "french")
                .Annotation("Npgsql:TsVectorProperties", new[] { "Cible", "Donnees", "Actions", "Resultats", "Texte" });

            migrationBuilder.AddColumn<string>(
                name: "Categorie",
                table: "Chronologie",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Lien",
                table: "Chronologie",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            // Before the generated column that reads it (EF orders new columns by name). Keep this order when re-scaffolding.
            migrationBuilder.AddColumn<string>(
                name: "Texte",
                table: "Chronologie",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<NpgsqlTsVector>(
                name: "Recherche",
                table: "Chronologie",
                type: "tsvector",
                nullable: true)
                .Annotation("Npgsql:TsVectorConfig", "french")
                .Annotation("Npgsql:TsVectorProperties", new[] { "Libelle", "Texte" });

            migrationBuilder.CreateTable(
                name: "LecturesEcrits",
                columns: table => new
                {
                    EcritId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProfessionnelId = table.Column<Guid>(type: "uuid", nullable: false),
                    LuLe = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UsagerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Role = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Cercle = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Propos = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    RecueillieLe = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecueillieParId = table.Column<Guid>(type: "uuid", nullable: false),
                    RecueillieParNom = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    LeveeLe = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LeveeParId = table.Column<Guid>(type: "uuid", nullable: true),
                    LeveeParNom = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
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
                name: "IX_Ecrits_Recherche",
                table: "Ecrits",
                column: "Recherche")
                .Annotation("Npgsql:IndexMethod", "GIN");

            migrationBuilder.CreateIndex(
                name: "IX_Chronologie_Recherche",
                table: "Chronologie",
                column: "Recherche")
                .Annotation("Npgsql:IndexMethod", "GIN");

            migrationBuilder.CreateIndex(
                name: "IX_Chronologie_UsagerId_Horodatage_Id",
                table: "Chronologie",
                columns: new[] { "UsagerId", "Horodatage", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ObjectionsPartage_UsagerId",
                table: "ObjectionsPartage",
                column: "UsagerId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LecturesEcrits");

            migrationBuilder.DropTable(
                name: "ObjectionsPartage");

            migrationBuilder.DropIndex(
                name: "IX_Ecrits_EssmsId_Horodatage",
                table: "Ecrits");

            migrationBuilder.DropIndex(
                name: "IX_Ecrits_Recherche",
                table: "Ecrits");

            migrationBuilder.DropIndex(
                name: "IX_Chronologie_Recherche",
                table: "Chronologie");

            migrationBuilder.DropIndex(
                name: "IX_Chronologie_UsagerId_Horodatage_Id",
                table: "Chronologie");

            migrationBuilder.DropColumn(
                name: "Recherche",
                table: "Ecrits");

            migrationBuilder.DropColumn(
                name: "Categorie",
                table: "Chronologie");

            migrationBuilder.DropColumn(
                name: "Lien",
                table: "Chronologie");

            migrationBuilder.DropColumn(
                name: "Recherche",
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
