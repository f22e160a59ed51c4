// Package theme tags passages with policy themes (issue types such as
// 多文化共生・国際 or 防犯・安全安心) from an embedded, documented thesaurus.
package theme
