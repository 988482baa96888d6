using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenDui.Web.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Admission : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Orientations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UsagerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CategorieFiness = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: true),
                    Libelle = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Autorite = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    NumeroDecision = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    IdentifiantNational = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Debut = table.Column<DateOnly>(type: "date", nullable: false),
                    Fin = table.Column<DateOnly>(type: "date", nullable: true),
                    CreeLe = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Orientations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Orientations_Usagers_UsagerId",
                        column: x => x.UsagerId,
                        principalTable: "Usagers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ReglagesAdmission",
                columns: table => new
                {
                    EssmsId = table.Column<Guid>(type: "uuid", nullable: false),
                    Critere = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReglagesAdmission", x => x.EssmsId);
                    table.ForeignKey(
                        name: "FK_ReglagesAdmission_Essms_EssmsId",
                        column: x => x.EssmsId,
                        principalTable: "Essms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DemandesAdmission",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EssmsId = table.Column<Guid>(type: "uuid", nullable: false),
                    UsagerId = table.Column<Guid>(type: "uuid", nullable: true),
                    Origine = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Reference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Modalite = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    RecueLe = table.Column<DateOnly>(type: "date", nullable: false),
                    Urgente = table.Column<bool>(type: "boolean", nullable: false),
                    Note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Pieces = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Statut = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    DateVisite = table.Column<DateOnly>(type: "date", nullable: true),
                    DateEntretien = table.Column<DateOnly>(type: "date", nullable: true),
                    DateDecision = table.Column<DateOnly>(type: "date", nullable: true),
                    MotifRefus = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Reorientation = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    OrientationId = table.Column<Guid>(type: "uuid", nullable: true),
                    SejourId = table.Column<Guid>(type: "uuid", nullable: true),
                    NomNaissance = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    PrenomsNaissance = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Sexe = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    DateNaissance = table.Column<DateOnly>(type: "date", nullable: false),
                    NomUtilise = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    PrenomUtilise = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    CreeLe = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DemandesAdmission", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DemandesAdmission_Essms_EssmsId",
                        column: x => x.EssmsId,
                        principalTable: "Essms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DemandesAdmission_Orientations_OrientationId",
                        column: x => x.OrientationId,
                        principalTable: "Orientations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DemandesAdmission_Sejours_SejourId",
                        column: x => x.SejourId,
                        principalTable: "Sejours",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DemandesAdmission_Usagers_UsagerId",
                        column: x => x.UsagerId,
                        principalTable: "Usagers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "HistoriqueDemandesAdmission",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DemandeId = table.Column<Guid>(type: "uuid", nullable: false),
                    Horodatage = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AuteurId = table.Column<Guid>(type: "uuid", nullable: true),
                    AuteurNom = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    De = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Vers = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Commentaire = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HistoriqueDemandesAdmission", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HistoriqueDemandesAdmission_DemandesAdmission_DemandeId",
                        column: x => x.DemandeId,
                        principalTable: "DemandesAdmission",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DemandesAdmission_EssmsId_Statut_RecueLe",
                table: "DemandesAdmission",
                columns: new[] { "EssmsId", "Statut", "RecueLe" });

            migrationBuilder.CreateIndex(
                name: "IX_DemandesAdmission_OrientationId",
                table: "DemandesAdmission",
                column: "OrientationId");

            migrationBuilder.CreateIndex(
                name: "IX_DemandesAdmission_SejourId",
                table: "DemandesAdmission",
                column: "SejourId");

            migrationBuilder.CreateIndex(
                name: "IX_DemandesAdmission_UsagerId",
                table: "DemandesAdmission",
                column: "UsagerId");

            migrationBuilder.CreateIndex(
                name: "IX_HistoriqueDemandesAdmission_DemandeId_Horodatage",
                table: "HistoriqueDemandesAdmission",
                columns: new[] { "DemandeId", "Horodatage" });

            migrationBuilder.CreateIndex(
                name: "IX_Orientations_Fin",
                table: "Orientations",
                column: "Fin");

            migrationBuilder.CreateIndex(
                name: "IX_Orientations_UsagerId_Fin",
                table: "Orientations",
                columns: new[] { "UsagerId", "Fin" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "HistoriqueDemandesAdmission");

            migrationBuilder.DropTable(
                name: "ReglagesAdmission");

            migrationBuilder.DropTable(
                name: "DemandesAdmission");

            migrationBuilder.DropTable(
                name: "Orientations");
        }
    }
}
