using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenDui.Web.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Projets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ProjetsPersonnalises",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UsagerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SejourId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EssmsId = table.Column<Guid>(type: "TEXT", nullable: false),
                    VersionEnVigueurId = table.Column<Guid>(type: "TEXT", nullable: true),
                    DateDerniereValidation = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CreeLe = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<uint>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProjetsPersonnalises", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProjetsPersonnalises_Essms_EssmsId",
                        column: x => x.EssmsId,
                        principalTable: "Essms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ProjetsPersonnalises_Sejours_SejourId",
                        column: x => x.SejourId,
                        principalTable: "Sejours",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ProjetsPersonnalises_Usagers_UsagerId",
                        column: x => x.UsagerId,
                        principalTable: "Usagers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ReferentsProjet",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UsagerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProjetId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProfessionnelId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DesigneLe = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReferentsProjet", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReferentsProjet_AspNetUsers_ProfessionnelId",
                        column: x => x.ProfessionnelId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ReferentsProjet_ProjetsPersonnalises_ProjetId",
                        column: x => x.ProjetId,
                        principalTable: "ProjetsPersonnalises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "VersionsProjet",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UsagerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProjetId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Numero = table.Column<int>(type: "INTEGER", nullable: false),
                    Statut = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Attentes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Contenu = table.Column<string>(type: "TEXT", maxLength: 100000, nullable: false),
                    CreeLe = table.Column<long>(type: "INTEGER", nullable: false),
                    CreeParId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreeParNom = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ModifieLe = table.Column<long>(type: "INTEGER", nullable: false),
                    ValideLe = table.Column<long>(type: "INTEGER", nullable: true),
                    ValideParId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ValideParNom = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    DateEffet = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ReviseVersionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<uint>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VersionsProjet", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VersionsProjet_ProjetsPersonnalises_ProjetId",
                        column: x => x.ProjetId,
                        principalTable: "ProjetsPersonnalises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ObjectifsProjet",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UsagerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    VersionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Suivi = table.Column<Guid>(type: "TEXT", nullable: false),
                    Ordre = table.Column<int>(type: "INTEGER", nullable: false),
                    Libelle = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Horizon = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Critere = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Bilan = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    BilanCommentaire = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ObjectifsProjet", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ObjectifsProjet_VersionsProjet_VersionId",
                        column: x => x.VersionId,
                        principalTable: "VersionsProjet",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ActionsProjet",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UsagerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    VersionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ObjectifId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Ordre = table.Column<int>(type: "INTEGER", nullable: false),
                    Libelle = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Moyens = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    PorteurId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Porteur = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Echeance = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActionsProjet", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ActionsProjet_AspNetUsers_PorteurId",
                        column: x => x.PorteurId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ActionsProjet_ObjectifsProjet_ObjectifId",
                        column: x => x.ObjectifId,
                        principalTable: "ObjectifsProjet",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ActionsProjet_VersionsProjet_VersionId",
                        column: x => x.VersionId,
                        principalTable: "VersionsProjet",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ActionsProjet_ObjectifId",
                table: "ActionsProjet",
                column: "ObjectifId");

            migrationBuilder.CreateIndex(
                name: "IX_ActionsProjet_PorteurId_Echeance",
                table: "ActionsProjet",
                columns: new[] { "PorteurId", "Echeance" });

            migrationBuilder.CreateIndex(
                name: "IX_ActionsProjet_VersionId_ObjectifId_Ordre",
                table: "ActionsProjet",
                columns: new[] { "VersionId", "ObjectifId", "Ordre" });

            migrationBuilder.CreateIndex(
                name: "IX_ObjectifsProjet_VersionId_Ordre",
                table: "ObjectifsProjet",
                columns: new[] { "VersionId", "Ordre" });

            migrationBuilder.CreateIndex(
                name: "IX_ProjetsPersonnalises_EssmsId_DateDerniereValidation",
                table: "ProjetsPersonnalises",
                columns: new[] { "EssmsId", "DateDerniereValidation" });

            migrationBuilder.CreateIndex(
                name: "IX_ProjetsPersonnalises_SejourId",
                table: "ProjetsPersonnalises",
                column: "SejourId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProjetsPersonnalises_UsagerId",
                table: "ProjetsPersonnalises",
                column: "UsagerId");

            migrationBuilder.CreateIndex(
                name: "IX_ReferentsProjet_ProfessionnelId_ProjetId",
                table: "ReferentsProjet",
                columns: new[] { "ProfessionnelId", "ProjetId" });

            migrationBuilder.CreateIndex(
                name: "IX_ReferentsProjet_ProjetId_ProfessionnelId",
                table: "ReferentsProjet",
                columns: new[] { "ProjetId", "ProfessionnelId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_VersionsProjet_ProjetId_Brouillon",
                table: "VersionsProjet",
                column: "ProjetId",
                unique: true,
                filter: "\"Statut\" = 'Brouillon'");

            migrationBuilder.CreateIndex(
                name: "IX_VersionsProjet_ProjetId_Numero",
                table: "VersionsProjet",
                columns: new[] { "ProjetId", "Numero" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ActionsProjet");

            migrationBuilder.DropTable(
                name: "ReferentsProjet");

            migrationBuilder.DropTable(
                name: "ObjectifsProjet");

            migrationBuilder.DropTable(
                name: "VersionsProjet");

            migrationBuilder.DropTable(
                name: "ProjetsPersonnalises");
        }
    }
}
