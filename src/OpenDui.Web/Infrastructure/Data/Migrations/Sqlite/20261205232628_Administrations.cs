using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenDui.Web.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Administrations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "AideALaPriseAutorisee",
                table: "Prescriptions",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "Administrations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PrescriptionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LigneId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UsagerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EssmsId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CleDose = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    PrevueLe = table.Column<long>(type: "INTEGER", nullable: true),
                    SiBesoin = table.Column<bool>(type: "INTEGER", nullable: false),
                    Statut = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Motif = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Le = table.Column<long>(type: "INTEGER", nullable: false),
                    LeTicks = table.Column<long>(type: "INTEGER", nullable: false),
                    EnregistreeLe = table.Column<long>(type: "INTEGER", nullable: false),
                    ParId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ParNom = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AideALaPrise = table.Column<bool>(type: "INTEGER", nullable: false),
                    CleIdempotence = table.Column<Guid>(type: "TEXT", nullable: false),
                    Libelle = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Dose = table.Column<decimal>(type: "TEXT", precision: 12, scale: 4, nullable: false),
                    Unite = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Voie = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Effet = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    NoteEffet = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    EffetLe = table.Column<long>(type: "INTEGER", nullable: true),
                    EffetParNom = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Administrations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Administrations_Essms_EssmsId",
                        column: x => x.EssmsId,
                        principalTable: "Essms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Administrations_Prescriptions_PrescriptionId",
                        column: x => x.PrescriptionId,
                        principalTable: "Prescriptions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Administrations_Usagers_UsagerId",
                        column: x => x.UsagerId,
                        principalTable: "Usagers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PreparationsPiluliers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UniteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EssmsId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Debut = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Fin = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PrepareeParId = table.Column<Guid>(type: "TEXT", nullable: true),
                    PrepareeParNom = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PrepareeLe = table.Column<long>(type: "INTEGER", nullable: false),
                    VerifieeParId = table.Column<Guid>(type: "TEXT", nullable: true),
                    VerifieeParNom = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    VerifieeLe = table.Column<long>(type: "INTEGER", nullable: true),
                    Prescriptions = table.Column<string>(type: "TEXT", maxLength: 40000, nullable: false),
                    NombreDoses = table.Column<int>(type: "INTEGER", nullable: false),
                    NombrePersonnes = table.Column<int>(type: "INTEGER", nullable: false),
                    Remarque = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PreparationsPiluliers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PreparationsPiluliers_Essms_EssmsId",
                        column: x => x.EssmsId,
                        principalTable: "Essms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PreparationsPiluliers_Unites_UniteId",
                        column: x => x.UniteId,
                        principalTable: "Unites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Administrations_CleDose",
                table: "Administrations",
                column: "CleDose",
                unique: true,
                filter: "\"CleDose\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Administrations_EssmsId",
                table: "Administrations",
                column: "EssmsId");

            migrationBuilder.CreateIndex(
                name: "IX_Administrations_LigneId_LeTicks",
                table: "Administrations",
                columns: new[] { "LigneId", "LeTicks" });

            migrationBuilder.CreateIndex(
                name: "IX_Administrations_ParId_CleIdempotence",
                table: "Administrations",
                columns: new[] { "ParId", "CleIdempotence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Administrations_PrescriptionId",
                table: "Administrations",
                column: "PrescriptionId");

            migrationBuilder.CreateIndex(
                name: "IX_Administrations_UsagerId_LeTicks",
                table: "Administrations",
                columns: new[] { "UsagerId", "LeTicks" });

            migrationBuilder.CreateIndex(
                name: "IX_PreparationsPiluliers_EssmsId",
                table: "PreparationsPiluliers",
                column: "EssmsId");

            migrationBuilder.CreateIndex(
                name: "IX_PreparationsPiluliers_UniteId_Debut",
                table: "PreparationsPiluliers",
                columns: new[] { "UniteId", "Debut" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Administrations");

            migrationBuilder.DropTable(
                name: "PreparationsPiluliers");

            migrationBuilder.DropColumn(
                name: "AideALaPriseAutorisee",
                table: "Prescriptions");
        }
    }
}
