using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenDui.Web.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Consentements : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ChoixUsagers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UsagerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Objet = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Sens = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    DateDecision = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ExprimePar = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    RepresentantNom = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Commentaire = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    RecueilliParId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RecueilliParNom = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RecueilliLe = table.Column<long>(type: "INTEGER", nullable: false),
                    RetireLe = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    RetireParNom = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CommentaireRetrait = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChoixUsagers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ChoixUsagers_Usagers_UsagerId",
                        column: x => x.UsagerId,
                        principalTable: "Usagers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DesignationsPersonneDeConfiance",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UsagerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContactId = table.Column<Guid>(type: "TEXT", nullable: false),
                    NomPersonne = table.Column<string>(type: "TEXT", maxLength: 201, nullable: false),
                    DateDesignation = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DateCosignature = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    AutorisationDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    AutorisationReference = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    RecueilliParId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RecueilliParNom = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RecueilliLe = table.Column<long>(type: "INTEGER", nullable: false),
                    Etat = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    RevoqueeLe = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    MotifRevocation = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    RevoqueeParNom = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DesignationsPersonneDeConfiance", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DesignationsPersonneDeConfiance_Usagers_UsagerId",
                        column: x => x.UsagerId,
                        principalTable: "Usagers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DirectivesAnticipees",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UsagerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Existence = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Detenteur = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Lieu = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    DateInformation = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Commentaire = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    RecueilliParId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RecueilliParNom = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RecueilliLe = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DirectivesAnticipees", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DirectivesAnticipees_Usagers_UsagerId",
                        column: x => x.UsagerId,
                        principalTable: "Usagers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "InformationsPersonneDeConfiance",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UsagerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Motif = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    DateInformation = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    InformePar = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RepresentantInforme = table.Column<bool>(type: "INTEGER", nullable: false),
                    AttestationSignee = table.Column<bool>(type: "INTEGER", nullable: false),
                    Commentaire = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    RecueilliParId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RecueilliParNom = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RecueilliLe = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InformationsPersonneDeConfiance", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InformationsPersonneDeConfiance_Usagers_UsagerId",
                        column: x => x.UsagerId,
                        principalTable: "Usagers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ChoixUsagers_UsagerId_Objet_RecueilliLe",
                table: "ChoixUsagers",
                columns: new[] { "UsagerId", "Objet", "RecueilliLe" });

            migrationBuilder.CreateIndex(
                name: "IX_DesignationsPersonneDeConfiance_UsagerId",
                table: "DesignationsPersonneDeConfiance",
                column: "UsagerId");

            migrationBuilder.CreateIndex(
                name: "IX_DesignationsPersonneDeConfiance_UsagerId_Active",
                table: "DesignationsPersonneDeConfiance",
                columns: new[] { "UsagerId", "Etat" },
                unique: true,
                filter: "\"Etat\" = 'Active'");

            migrationBuilder.CreateIndex(
                name: "IX_DirectivesAnticipees_UsagerId_RecueilliLe",
                table: "DirectivesAnticipees",
                columns: new[] { "UsagerId", "RecueilliLe" });

            migrationBuilder.CreateIndex(
                name: "IX_InformationsPersonneDeConfiance_UsagerId",
                table: "InformationsPersonneDeConfiance",
                column: "UsagerId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ChoixUsagers");

            migrationBuilder.DropTable(
                name: "DesignationsPersonneDeConfiance");

            migrationBuilder.DropTable(
                name: "DirectivesAnticipees");

            migrationBuilder.DropTable(
                name: "InformationsPersonneDeConfiance");
        }
    }
}
