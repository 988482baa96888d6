using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenDui.Web.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Soins : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ActesPlanifies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UsagerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EssmsId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CodeActe = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Libelle = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Precision = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Postes = table.Column<int>(type: "INTEGER", nullable: false),
                    Jours = table.Column<int>(type: "INTEGER", nullable: false),
                    IntervalleHeures = table.Column<int>(type: "INTEGER", nullable: true),
                    Debut = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Fin = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CreeLe = table.Column<long>(type: "INTEGER", nullable: false),
                    CreeParNom = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ArreteParNom = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActesPlanifies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ActesPlanifies_Essms_EssmsId",
                        column: x => x.EssmsId,
                        principalTable: "Essms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ActesPlanifies_Usagers_UsagerId",
                        column: x => x.UsagerId,
                        principalTable: "Usagers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Allergies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UsagerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Libelle = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CodeSubstance = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Reaction = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Severite = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Statut = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    RecueillieLe = table.Column<long>(type: "INTEGER", nullable: false),
                    RecueillieParId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RecueillieParNom = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    StatutChangeLe = table.Column<long>(type: "INTEGER", nullable: true),
                    StatutChangeParNom = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Allergies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Allergies_Usagers_UsagerId",
                        column: x => x.UsagerId,
                        principalTable: "Usagers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Chutes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UsagerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EssmsId = table.Column<Guid>(type: "TEXT", nullable: true),
                    SurvenueLe = table.Column<long>(type: "INTEGER", nullable: false),
                    Lieu = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Circonstances = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Blessure = table.Column<bool>(type: "INTEGER", nullable: false),
                    DescriptionBlessure = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Temoin = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Mesures = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    AuteurId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AuteurNom = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    EnregistreeLe = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Chutes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Chutes_Essms_EssmsId",
                        column: x => x.EssmsId,
                        principalTable: "Essms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Chutes_Usagers_UsagerId",
                        column: x => x.UsagerId,
                        principalTable: "Usagers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Mesures",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UsagerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EssmsId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Valeur = table.Column<decimal>(type: "TEXT", precision: 9, scale: 2, nullable: false),
                    Valeur2 = table.Column<decimal>(type: "TEXT", precision: 9, scale: 2, nullable: true),
                    Echelle = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    PriseLe = table.Column<long>(type: "INTEGER", nullable: false),
                    Commentaire = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    AuteurId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AuteurNom = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    EnregistreeLe = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Mesures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Mesures_Essms_EssmsId",
                        column: x => x.EssmsId,
                        principalTable: "Essms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Mesures_Usagers_UsagerId",
                        column: x => x.UsagerId,
                        principalTable: "Usagers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ProblemesSante",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UsagerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Libelle = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Nature = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Debut = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Fin = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Commentaire = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    RecueilliLe = table.Column<long>(type: "INTEGER", nullable: false),
                    RecueilliParNom = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProblemesSante", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProblemesSante_Usagers_UsagerId",
                        column: x => x.UsagerId,
                        principalTable: "Usagers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ProfilsSoins",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UsagerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AucuneAllergieConnueLe = table.Column<long>(type: "INTEGER", nullable: true),
                    AucuneAllergieConnuePar = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    IddsiBoissons = table.Column<int>(type: "INTEGER", nullable: true),
                    IddsiAliments = table.Column<int>(type: "INTEGER", nullable: true),
                    Regime = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    EchelleDouleur = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ModifieLe = table.Column<long>(type: "INTEGER", nullable: false),
                    ModifieParNom = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProfilsSoins", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProfilsSoins_Usagers_UsagerId",
                        column: x => x.UsagerId,
                        principalTable: "Usagers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ScoresRisque",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UsagerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Echelle = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Score = table.Column<int>(type: "INTEGER", nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    AuteurNom = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    EnregistreLe = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScoresRisque", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ScoresRisque_Usagers_UsagerId",
                        column: x => x.UsagerId,
                        principalTable: "Usagers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RealisationsActes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UsagerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ActePlanifieId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Jour = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Poste = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Heure = table.Column<int>(type: "INTEGER", nullable: false),
                    Statut = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Motif = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ParId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ParNom = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Le = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RealisationsActes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RealisationsActes_ActesPlanifies_ActePlanifieId",
                        column: x => x.ActePlanifieId,
                        principalTable: "ActesPlanifies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RealisationsActes_Usagers_UsagerId",
                        column: x => x.UsagerId,
                        principalTable: "Usagers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ActesPlanifies_EssmsId_Fin",
                table: "ActesPlanifies",
                columns: new[] { "EssmsId", "Fin" });

            migrationBuilder.CreateIndex(
                name: "IX_ActesPlanifies_UsagerId_Fin",
                table: "ActesPlanifies",
                columns: new[] { "UsagerId", "Fin" });

            migrationBuilder.CreateIndex(
                name: "IX_Allergies_UsagerId_Statut",
                table: "Allergies",
                columns: new[] { "UsagerId", "Statut" });

            migrationBuilder.CreateIndex(
                name: "IX_Chutes_EssmsId",
                table: "Chutes",
                column: "EssmsId");

            migrationBuilder.CreateIndex(
                name: "IX_Chutes_UsagerId_SurvenueLe",
                table: "Chutes",
                columns: new[] { "UsagerId", "SurvenueLe" });

            migrationBuilder.CreateIndex(
                name: "IX_Mesures_EssmsId",
                table: "Mesures",
                column: "EssmsId");

            migrationBuilder.CreateIndex(
                name: "IX_Mesures_UsagerId_Type_PriseLe",
                table: "Mesures",
                columns: new[] { "UsagerId", "Type", "PriseLe" });

            migrationBuilder.CreateIndex(
                name: "IX_ProblemesSante_UsagerId",
                table: "ProblemesSante",
                column: "UsagerId");

            migrationBuilder.CreateIndex(
                name: "IX_ProfilsSoins_UsagerId",
                table: "ProfilsSoins",
                column: "UsagerId");

            migrationBuilder.CreateIndex(
                name: "IX_RealisationsActes_ActePlanifieId_Jour_Heure",
                table: "RealisationsActes",
                columns: new[] { "ActePlanifieId", "Jour", "Heure" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RealisationsActes_UsagerId",
                table: "RealisationsActes",
                column: "UsagerId");

            migrationBuilder.CreateIndex(
                name: "IX_ScoresRisque_UsagerId_Echelle_Date",
                table: "ScoresRisque",
                columns: new[] { "UsagerId", "Echelle", "Date" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Allergies");

            migrationBuilder.DropTable(
                name: "Chutes");

            migrationBuilder.DropTable(
                name: "Mesures");

            migrationBuilder.DropTable(
                name: "ProblemesSante");

            migrationBuilder.DropTable(
                name: "ProfilsSoins");

            migrationBuilder.DropTable(
                name: "RealisationsActes");

            migrationBuilder.DropTable(
                name: "ScoresRisque");

            migrationBuilder.DropTable(
                name: "ActesPlanifies");
        }
    }
}
