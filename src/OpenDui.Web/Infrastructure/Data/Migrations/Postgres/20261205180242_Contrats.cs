using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenDui.Web.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Contrats : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Contrats",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UsagerId = table.Column<Guid>(type: "uuid", nullable: false),
                    SejourId = table.Column<Guid>(type: "uuid", nullable: false),
                    EssmsId = table.Column<Guid>(type: "uuid", nullable: false),
                    Type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Raison = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    MesureJudiciaire = table.Column<bool>(type: "boolean", nullable: false),
                    Statut = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Texte = table.Column<string>(type: "character varying(40000)", maxLength: 40000, nullable: false),
                    Participants = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    PrepareLe = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PrepareParNom = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RemisLe = table.Column<DateOnly>(type: "date", nullable: true),
                    RemisA = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    SigneLe = table.Column<DateOnly>(type: "date", nullable: true),
                    SigneParLaPersonne = table.Column<bool>(type: "boolean", nullable: false),
                    RepresentantLegal = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    SignePourEtablissement = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    DocumentSigneId = table.Column<Guid>(type: "uuid", nullable: true),
                    RefuseLe = table.Column<DateOnly>(type: "date", nullable: true),
                    ResilieLe = table.Column<DateOnly>(type: "date", nullable: true),
                    MotifResiliation = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    RemplaceParId = table.Column<Guid>(type: "uuid", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Contrats", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Contrats_Essms_EssmsId",
                        column: x => x.EssmsId,
                        principalTable: "Essms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Contrats_Sejours_SejourId",
                        column: x => x.SejourId,
                        principalTable: "Sejours",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Contrats_Usagers_UsagerId",
                        column: x => x.UsagerId,
                        principalTable: "Usagers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ModelesContrat",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EssmsId = table.Column<Guid>(type: "uuid", nullable: false),
                    Type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Titre = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Corps = table.Column<string>(type: "character varying(40000)", maxLength: 40000, nullable: false),
                    ModifieLe = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ModifieParNom = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ModelesContrat", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ModelesContrat_Essms_EssmsId",
                        column: x => x.EssmsId,
                        principalTable: "Essms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RemisesAdmission",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UsagerId = table.Column<Guid>(type: "uuid", nullable: false),
                    SejourId = table.Column<Guid>(type: "uuid", nullable: false),
                    EssmsId = table.Column<Guid>(type: "uuid", nullable: false),
                    Document = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    RemisLe = table.Column<DateOnly>(type: "date", nullable: false),
                    RemisParNom = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RemisesAdmission", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RemisesAdmission_Sejours_SejourId",
                        column: x => x.SejourId,
                        principalTable: "Sejours",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RemisesAdmission_Usagers_UsagerId",
                        column: x => x.UsagerId,
                        principalTable: "Usagers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Contrats_EssmsId_Statut",
                table: "Contrats",
                columns: new[] { "EssmsId", "Statut" });

            migrationBuilder.CreateIndex(
                name: "IX_Contrats_SejourId_EnVigueur",
                table: "Contrats",
                column: "SejourId",
                unique: true,
                filter: "\"Statut\" IN ('Prepare', 'Remis', 'Signe')");

            migrationBuilder.CreateIndex(
                name: "IX_Contrats_UsagerId",
                table: "Contrats",
                column: "UsagerId");

            migrationBuilder.CreateIndex(
                name: "IX_ModelesContrat_EssmsId_Type",
                table: "ModelesContrat",
                columns: new[] { "EssmsId", "Type" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RemisesAdmission_SejourId_Document",
                table: "RemisesAdmission",
                columns: new[] { "SejourId", "Document" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RemisesAdmission_UsagerId",
                table: "RemisesAdmission",
                column: "UsagerId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Contrats");

            migrationBuilder.DropTable(
                name: "ModelesContrat");

            migrationBuilder.DropTable(
                name: "RemisesAdmission");
        }
    }
}
