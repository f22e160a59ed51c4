// Package synonym reads the Sudachi synonym dictionary (同義語辞書) and
// answers which words stand for a query word: its spelling variants
// (障害者, 障がい者, 障碍者; 申し込み, 申込み, 申込) and its synonyms (保育園 and
// 保育所; 母子家庭 and 母子世帯; オンライン申請 and 電子申請).
//
// The dictionary is data/synonyms.txt.gz, the file src/main/text/synonyms.txt
// of WorksApplications/SudachiDict at commit 2c7cbcf (2024-03-27), gzipped
// unchanged; it is under the Apache License 2.0 (data/LICENSE-2.0.txt).
// Each line is "group,体言/用言,展開制御,語彙素,語形,略語,表記ゆれ,分野,見出し,,":
// the words of a group with the same 語彙素 number are one lexeme written
// differently (a Variant); the other words of the group are Synonyms. A word
// whose 展開制御 flag is 1 is expanded to but never expands; a word with 2 is
// never used. Latin spellings of Japanese words (表記ゆれ 1: kid, entry) are
// left out: policy documents do not write them.
package synonym
