// SPDX-License-Identifier: MIT
#pragma once

#include <atomic>
#include <memory>

namespace Core {

// Shared cancellation flag: the GUI keeps one copy and calls cancel(); long-running work checks
// isCancelled() between steps. Copies share the flag, so it can be handed to a worker by value.
class CancelToken
{
public:
    CancelToken() : m_flag(std::make_shared<std::atomic_bool>(false)) {}
    void cancel() const { m_flag->store(true); }
    bool isCancelled() const { return m_flag->load(); }

private:
    std::shared_ptr<std::atomic_bool> m_flag;
};

} // namespace Core
