using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenDui.Web.Infrastructure.Data.Migrations.Postgres
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
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "Administrations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PrescriptionId = table.Column<Guid>(type: "uuid", nullable: false),
                    LigneId = table.Column<Guid>(type: "uuid", nullable: false),
                    UsagerId = table.Column<Guid>(type: "uuid", nullable: false),
                    EssmsId = table.Column<Guid>(type: "uuid", nullable: false),
                    CleDose = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    PrevueLe = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    SiBesoin = table.Column<bool>(type: "boolean", nullable: false),
                    Statut = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Motif = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Le = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LeTicks = table.Column<long>(type: "bigint", nullable: false),
                    EnregistreeLe = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ParId = table.Column<Guid>(type: "uuid", nullable: true),
                    ParNom = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AideALaPrise = table.Column<bool>(type: "boolean", nullable: false),
                    CleIdempotence = table.Column<Guid>(type: "uuid", nullable: false),
                    Libelle = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Dose = table.Column<decimal>(type: "numeric(12,4)", precision: 12, scale: 4, nullable: false),
                    Unite = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Voie = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Effet = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    NoteEffet = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    EffetLe = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    EffetParNom = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UniteId = table.Column<Guid>(type: "uuid", nullable: false),
                    EssmsId = table.Column<Guid>(type: "uuid", nullable: false),
                    Debut = table.Column<DateOnly>(type: "date", nullable: false),
                    Fin = table.Column<DateOnly>(type: "date", nullable: false),
                    PrepareeParId = table.Column<Guid>(type: "uuid", nullable: true),
                    PrepareeParNom = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PrepareeLe = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    VerifieeParId = table.Column<Guid>(type: "uuid", nullable: true),
                    VerifieeParNom = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    VerifieeLe = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Prescriptions = table.Column<string>(type: "character varying(40000)", maxLength: 40000, nullable: false),
                    NombreDoses = table.Column<int>(type: "integer", nullable: false),
                    NombrePersonnes = table.Column<int>(type: "integer", nullable: false),
                    Remarque = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
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
