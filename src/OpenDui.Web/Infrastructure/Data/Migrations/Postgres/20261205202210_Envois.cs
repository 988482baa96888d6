using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenDui.Web.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Envois : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Envois",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Canal = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Cle = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Charge = table.Column<string>(type: "text", nullable: false),
                    UsagerId = table.Column<Guid>(type: "uuid", nullable: true),
                    EssmsId = table.Column<Guid>(type: "uuid", nullable: true),
                    Statut = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Tentatives = table.Column<int>(type: "integer", nullable: false),
                    CreeLe = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ProchainEssai = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    VerrouJusqua = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    EnvoyeLe = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DerniereErreur = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Reference = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Envois", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Envois_Essms_EssmsId",
                        column: x => x.EssmsId,
                        principalTable: "Essms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Envois_Usagers_UsagerId",
                        column: x => x.UsagerId,
                        principalTable: "Usagers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Envois_Cle",
                table: "Envois",
                column: "Cle",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Envois_EssmsId_Canal_EnvoyeLe",
                table: "Envois",
                columns: new[] { "EssmsId", "Canal", "EnvoyeLe" });

            migrationBuilder.CreateIndex(
                name: "IX_Envois_Statut_ProchainEssai",
                table: "Envois",
                columns: new[] { "Statut", "ProchainEssai" });

            migrationBuilder.CreateIndex(
                name: "IX_Envois_UsagerId",
                table: "Envois",
                column: "UsagerId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Envois");
        }
    }
}
