-- op 0 at m.star:2:5
CREATE TABLE "lines" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "price" INTEGER, "qty" INTEGER, "total" INTEGER GENERATED ALWAYS AS (price * qty) STORED, "label" TEXT GENERATED always as ('#' || id) virtual);
