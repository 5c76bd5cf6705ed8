module github.com/veritee/veritee

go 1.24
