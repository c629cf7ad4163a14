#pragma once
// std::string <-> QString at the boundary to app/core (which is Qt-free).
#include <QString>
#include <string>

namespace optibench::ui {

inline QString toQ(const std::string &s)
{
    return QString::fromStdString(s);
}
inline std::string fromQ(const QString &s)
{
    return s.toStdString();
}

} // namespace optibench::ui
