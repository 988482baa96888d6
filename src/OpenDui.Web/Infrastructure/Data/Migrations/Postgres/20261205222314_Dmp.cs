using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenDui.Web.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Dmp : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DocumentsDmp",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UsagerId = table.Column<Guid>(type: "uuid", nullable: false),
                    EssmsId = table.Column<Guid>(type: "uuid", nullable: false),
                    SourceId = table.Column<Guid>(type: "uuid", nullable: false),
                    SetId = table.Column<Guid>(type: "uuid", nullable: false),
                    NumeroVersion = table.Column<int>(type: "integer", nullable: false),
                    UniqueId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UniqueIdRemplace = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Titre = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Contenu = table.Column<byte[]>(type: "bytea", nullable: false),
                    InvisiblePatient = table.Column<bool>(type: "boolean", nullable: false),
                    MasqueProfessionnels = table.Column<bool>(type: "boolean", nullable: false),
                    Etat = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Raison = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    AlerteIdentite = table.Column<bool>(type: "boolean", nullable: false),
                    CreeLe = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    VerseLe = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AuteurId = table.Column<Guid>(type: "uuid", nullable: true),
                    AuteurNom = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    EnvoiId = table.Column<Guid>(type: "uuid", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DocumentsDmp", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DocumentsDmp_Envois_EnvoiId",
                        column: x => x.EnvoiId,
                        principalTable: "Envois",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DocumentsDmp_Essms_EssmsId",
                        column: x => x.EssmsId,
                        principalTable: "Essms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DocumentsDmp_Usagers_UsagerId",
                        column: x => x.UsagerId,
                        principalTable: "Usagers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DocumentsDmp_EnvoiId",
                table: "DocumentsDmp",
                column: "EnvoiId");

            migrationBuilder.CreateIndex(
                name: "IX_DocumentsDmp_EssmsId",
                table: "DocumentsDmp",
                column: "EssmsId");

            migrationBuilder.CreateIndex(
                name: "IX_DocumentsDmp_SetId_NumeroVersion",
                table: "DocumentsDmp",
                columns: new[] { "SetId", "NumeroVersion" });

            migrationBuilder.CreateIndex(
                name: "IX_DocumentsDmp_SourceId",
                table: "DocumentsDmp",
                column: "SourceId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DocumentsDmp_UniqueId",
                table: "DocumentsDmp",
                column: "UniqueId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DocumentsDmp_UsagerId_CreeLe",
                table: "DocumentsDmp",
                columns: new[] { "UsagerId", "CreeLe" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DocumentsDmp");
        }
    }
}
