using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenDui.Web.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Photos : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PhotosUsagers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UsagerId = table.Column<Guid>(type: "uuid", nullable: false),
                    TypeContenu = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Taille = table.Column<long>(type: "bigint", nullable: false),
                    Empreinte = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CleStockage = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    PriseLe = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PriseParId = table.Column<Guid>(type: "uuid", nullable: false),
                    PriseParNom = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PhotosUsagers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PhotosUsagers_Usagers_UsagerId",
                        column: x => x.UsagerId,
                        principalTable: "Usagers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PhotosUsagers_UsagerId",
                table: "PhotosUsagers",
                column: "UsagerId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PhotosUsagers");
        }
    }
}
